package org.opennrtd.reporting.report;

/** The kinds of report, as in the contract's ReportType. */
public enum ReportType {
    UPR_MID_TERM, SDG_VNR_ANNEX, TREATY_BODY_FOLLOW_UP, ACTION_PLAN_PROGRESS
}
