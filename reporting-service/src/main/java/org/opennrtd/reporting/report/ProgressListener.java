package org.opennrtd.reporting.report;

/** Told how far a report job has come; see the job's {@code progress} and {@code stage}. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, percent) -> {
    };

    void progress(String stage, int percent);
}
