package org.opennrtd.recommendations.importing;

import java.util.List;

/**
 * Encoded rows (as {@link ImportPayload#line} writes them) as they become available: a reader hands them over in
 * batches while it is still reading the file, or a stored payload is decoded a batch at a time.
 */
public interface RowFeed {

    /**
     * The next batch of rows, or null after the last; throws if the rows are withdrawn (the file turned out to be
     * bad), which rolls the whole application back.
     */
    List<String> next();
}
