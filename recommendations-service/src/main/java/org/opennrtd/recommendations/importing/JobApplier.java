package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Applies one import job's rows in the caller's transaction, in the steps its file calls for: the records merged
 * ({@link ImportApplier}), then, for a UHRI export, which annotations the index still holds ({@link UhriPresence}).
 */
@ApplicationScoped
public class JobApplier {

    /** How a job's file is applied. */
    public record Options(ImportFormat format, boolean complete) {
    }

    /** What applying the file changed. */
    public record Outcome(ImportApplier.Counts records, UhriPresence.Counts presence) {
    }

    @Inject
    ImportApplier applier;

    @Inject
    UhriPresence presence;

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(RowFeed feed, Options options, String actor) {
        boolean fromUhri = options.format().fromUhri();
        ImportApplier.Counts records = applier.apply(feed, actor, fromUhri);
        UhriPresence.Counts seen = fromUhri
                ? presence.apply(records.matched(), records.countries(), options.complete(), actor)
                : new UhriPresence.Counts(0, 0);
        return new Outcome(records, seen);
    }
}
