package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.http.Languages;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.RecommendationQuery;
import org.opennrtd.recommendations.repository.RecommendationRepository;
import org.opennrtd.recommendations.repository.TranslationRepository;

/** The rules around recommendations: who sees which country, keys that must stay unique, audited changes. */
@ApplicationScoped
public class RecommendationService {

    static final String RESOURCE = "recommendation";

    @Inject
    RecommendationRepository repository;

    @Inject
    TranslationRepository translations;

    /** The languages texts are served in, the original first; translations exist in the others. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "ru", "zh");

    /** A recommendation with its text in the language served, the original's or a translation's. */
    public record Localized(RecommendationEntity entity, String language, String text) {
    }

    public record LocalizedPage(List<Localized> items, long total) {
    }

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    jakarta.enterprise.event.Event<NearDuplicateService.CountryChanged> changed;

    /** The fields a caller sets; everything else is the service's. */
    public record Draft(
            String text,
            RecommendationEntity.Mechanism mechanism,
            String body,
            String country,
            String documentSymbol,
            String paragraph,
            UUID uhriAnnotationId,
            Integer uprCycle,
            Integer uprSession,
            List<String> recommendingStates,
            RecommendationEntity.Position position,
            List<String> themes,
            List<String> affectedPersons,
            List<String> sdgTargets,
            List<Integer> sdgGoals,
            java.time.LocalDate publicationDate) {
    }

    public record Statistics(String country, long total, List<RecommendationRepository.Count> byPosition,
            List<RecommendationRepository.Count> byMechanism, List<RecommendationRepository.Count> byBody,
            List<RecommendationRepository.Count> bySdgGoal, OffsetDateTime lastUpdatedAt) {
    }

    @Transactional
    public RecommendationRepository.Page search(RecommendationQuery query) {
        return repository.search(query);
    }

    /**
     * A search whose recommendations carry their text in the language {@code acceptLanguage} asks for, each where it
     * has a translation in it, else the original.
     */
    @Transactional
    public LocalizedPage search(RecommendationQuery query, String acceptLanguage) {
        repository.readOnlyTransaction();
        RecommendationRepository.Page page = repository.search(query);
        if (!mayWantTranslation(acceptLanguage)) {
            return new LocalizedPage(page.items().stream().map(RecommendationService::original).toList(), page.total());
        }
        Map<UUID, Map<String, String>> texts = translations.of(page.items().stream().map(r -> r.id).toList());
        return new LocalizedPage(page.items().stream().map(r -> localized(r, texts.get(r.id), acceptLanguage))
                .toList(), page.total());
    }

    /** A recommendation with its text in the language {@code acceptLanguage} asks for if it has it, else the original. */
    @Transactional
    public Localized get(UUID id, String acceptLanguage) {
        repository.readOnlyTransaction();
        RecommendationEntity entity = get(id);
        if (!mayWantTranslation(acceptLanguage)) {
            return original(entity);
        }
        return localized(entity, translations.of(List.of(id)).get(id), acceptLanguage);
    }

    /**
     * Whether a reader asking for {@code acceptLanguage} could be served a translation: whatever translations a
     * recommendation has, the original is served when the header is absent or its first language among all that
     * are served is the original's (or nothing of it matches). Then no translation is looked up: most reads ask for
     * nothing, and the lookup was a seventh of a read's CPU.
     */
    static boolean mayWantTranslation(String acceptLanguage) {
        return !Languages.pick(acceptLanguage, LANGUAGES).equals(LANGUAGES.get(0));
    }

    /** The recommendation in its original language. */
    public static Localized original(RecommendationEntity entity) {
        return new Localized(entity, LANGUAGES.get(0), entity.text);
    }

    /** Picks among the original and the translations at hand, the original when none is asked for. */
    static Localized localized(RecommendationEntity entity, Map<String, String> texts, String acceptLanguage) {
        if (texts == null || texts.isEmpty()) {
            return original(entity);
        }
        List<String> available = LANGUAGES.stream().filter(l -> l.equals(LANGUAGES.get(0)) || texts.containsKey(l))
                .toList();
        String language = Languages.pick(acceptLanguage, available);
        return texts.containsKey(language) ? new Localized(entity, language, texts.get(language)) : original(entity);
    }

    @Transactional
    public RecommendationEntity get(UUID id) {
        RecommendationEntity entity = repository.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        if (!caller.maySeeCountry(entity.country)) {
            // Do not reveal that another country's recommendation exists.
            throw ProblemException.notFound(RESOURCE, id);
        }
        return entity;
    }

    @Transactional
    public RecommendationEntity create(Draft draft) {
        caller.requireWriteAccessTo(draft.country());
        RecommendationEntity entity = new RecommendationEntity();
        entity.id = UUID.randomUUID();
        checkKeys(draft, entity.id);
        apply(entity, draft);
        OffsetDateTime now = now();
        entity.createdAt = now;
        entity.updatedAt = now;
        repository.persist(entity);
        repository.flush();
        audit.record(RESOURCE, entity.id, "CREATE", null, snapshot(entity));
        changed.fire(new NearDuplicateService.CountryChanged(entity.country));
        return entity;
    }

    @Transactional
    public RecommendationEntity update(UUID id, Draft draft, String ifMatch) {
        RecommendationEntity entity = get(id);
        caller.requireWriteAccessTo(entity.country);
        caller.requireWriteAccessTo(draft.country());
        EntityTags.requireMatch(ifMatch, entity.version);
        // Checked before the entity changes: the key queries would otherwise flush a half-made change.
        checkKeys(draft, entity.id);
        Map<String, Object> before = snapshot(entity);
        apply(entity, draft);
        Map<String, Object> after = snapshot(entity);
        if (before.equals(after)) {
            return entity;
        }
        entity.updatedAt = now();
        repository.flush();
        audit.record(RESOURCE, entity.id, "UPDATE", before, snapshot(entity));
        if (!before.get("text").equals(after.get("text")) || !before.get("country").equals(after.get("country"))) {
            changed.fire(new NearDuplicateService.CountryChanged((String) before.get("country")));
            changed.fire(new NearDuplicateService.CountryChanged(entity.country));
        }
        return entity;
    }

    @Transactional
    public Statistics statistics(String country) {
        repository.readOnlyTransaction();
        caller.countryScope(country);
        RecommendationRepository.CountryCounts counts = repository.countryCounts(country);
        return new Statistics(country, counts.total(), counts.byPosition(), counts.byMechanism(), counts.byBody(),
                repository.countBy(country, "unnest(sdg_goals)"), counts.lastUpdatedAt());
    }

    private void checkKeys(Draft draft, UUID id) {
        String symbol = blankToNull(draft.documentSymbol());
        String paragraph = blankToNull(draft.paragraph());
        // The document and paragraph identify only a recommendation without annotation id (UHRI annotations, whose
        // id is their identity, may share a paragraph), as the unique index recommendation_symbol_paragraph_uq does.
        if (draft.uhriAnnotationId() == null && symbol != null && paragraph != null
                && repository.existsWithKey(draft.country(), symbol, paragraph, id)) {
            throw ProblemException.conflict("A recommendation of " + draft.country() + " without UHRI annotation id"
                    + " already has document " + symbol + " paragraph " + paragraph + ".");
        }
        if (draft.uhriAnnotationId() != null && repository.existsWithAnnotation(draft.uhriAnnotationId(), id)) {
            throw ProblemException.conflict("A recommendation already has UHRI annotation id " + draft.uhriAnnotationId() + ".");
        }
    }

    private static void apply(RecommendationEntity e, Draft d) {
        e.text = d.text().strip();
        e.mechanism = d.mechanism();
        e.body = d.body().strip();
        e.country = d.country();
        e.documentSymbol = blankToNull(d.documentSymbol());
        e.paragraph = blankToNull(d.paragraph());
        e.uhriAnnotationId = d.uhriAnnotationId();
        e.uprCycle = d.uprCycle();
        e.uprSession = d.uprSession();
        e.recommendingStates = distinct(d.recommendingStates());
        e.position = d.position() == null ? RecommendationEntity.Position.PENDING : d.position();
        e.themes = distinct(d.themes());
        e.affectedPersons = distinct(d.affectedPersons());
        e.sdgTargets = distinct(d.sdgTargets());
        e.sdgGoals = goals(d.sdgGoals(), e.sdgTargets);
        e.publicationDate = d.publicationDate();
    }

    /** Goals linked directly plus the goal of every linked target, ascending. */
    static List<Integer> goals(List<Integer> direct, List<String> targets) {
        TreeSet<Integer> goals = new TreeSet<>(direct == null ? List.of() : direct);
        for (String target : targets) {
            goals.add(Integer.parseInt(target.substring(0, target.indexOf('.'))));
        }
        return new ArrayList<>(goals);
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return new ArrayList<>();
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(set::add);
        return new ArrayList<>(set);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime now() {
        // Microseconds: what PostgreSQL keeps, so that a value read back equals the one written.
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static Map<String, Object> snapshot(RecommendationEntity e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("text", e.text);
        m.put("mechanism", e.mechanism);
        m.put("body", e.body);
        m.put("country", e.country);
        m.put("documentSymbol", e.documentSymbol);
        m.put("paragraph", e.paragraph);
        m.put("uhriAnnotationId", e.uhriAnnotationId);
        m.put("uprCycle", e.uprCycle);
        m.put("uprSession", e.uprSession);
        m.put("recommendingStates", List.copyOf(e.recommendingStates));
        m.put("position", e.position);
        m.put("themes", List.copyOf(e.themes));
        m.put("affectedPersons", List.copyOf(e.affectedPersons));
        m.put("sdgTargets", List.copyOf(e.sdgTargets));
        m.put("sdgGoals", List.copyOf(e.sdgGoals));
        m.put("publicationDate", e.publicationDate == null ? null : e.publicationDate.toString());
        return m;
    }
}
