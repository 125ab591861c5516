package org.opennrtd.reporting.rest;

/** The stored bytes of a report, written as they are by {@link ReportContentWriter} whatever their media type. */
public record ReportContent(byte[] bytes) {
}
