package org.opennrtd.reporting.report;

/** Turns a laid-out report into the bytes of one format. */
public interface ReportRenderer {

    ReportFormat format();

    byte[] render(ReportDocument document);
}
