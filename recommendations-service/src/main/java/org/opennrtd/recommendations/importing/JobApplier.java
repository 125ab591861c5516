package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Applies one import job's rows in the caller's transaction, in the steps its file calls for: the records merged
 * ({@link ImportApplier}), then, for a UHRI export, which annotations the index still holds ({@link UhriPresence});
 * or, for a file in another language than the original, its texts stored as translations ({@link TranslationApplier}).
 */
@ApplicationScoped
public class JobApplier {

    /**
     * How a job's file is applied.
     *
     * @param language the language of a translation (see {@link TranslationApplier#LANGUAGES}), or null for originals
     */
    public record Options(ImportFormat format, boolean complete, String language) {

        public boolean translation() {
            return language != null;
        }
    }

    /** What applying the file changed. */
    public record Outcome(ImportApplier.Counts records, UhriPresence.Counts presence,
            TranslationApplier.Counts translations) {
    }

    private static final ImportApplier.Counts NO_RECORDS = new ImportApplier.Counts(0, 0, 0, List.of(), List.of());
    private static final UhriPresence.Counts NO_PRESENCE = new UhriPresence.Counts(0, 0);
    private static final TranslationApplier.Counts NO_TRANSLATIONS = new TranslationApplier.Counts(0, 0, 0, List.of());

    @Inject
    ImportApplier applier;

    @Inject
    UhriPresence presence;

    @Inject
    TranslationApplier translations;

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome apply(RowFeed feed, Options options, String actor) {
        if (options.translation()) {
            return new Outcome(NO_RECORDS, NO_PRESENCE, translations.apply(feed, options.language(), actor));
        }
        boolean fromUhri = options.format().fromUhri();
        ImportApplier.Counts records = applier.apply(feed, actor, fromUhri);
        UhriPresence.Counts seen = fromUhri
                ? presence.apply(records.matched(), records.countries(), options.complete(), actor)
                : NO_PRESENCE;
        return new Outcome(records, seen, NO_TRANSLATIONS);
    }
}
