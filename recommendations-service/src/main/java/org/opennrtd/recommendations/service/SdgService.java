package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.client.IndicatorsServiceClient;
import org.opennrtd.recommendations.client.IndicatorsServiceClient.Target;
import org.opennrtd.common.upstream.UpstreamException;
import org.opennrtd.recommendations.clustering.SentenceEmbedder;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.SdgRepository;
import org.opennrtd.recommendations.repository.SdgRepository.Link;
import org.opennrtd.recommendations.repository.SdgRepository.Suggestion;
import org.opennrtd.recommendations.repository.SdgRepository.TargetVector;

/**
 * A recommendation's links to SDG targets and goals, and the suggestions of targets. Imported links are the
 * recommendation's {@code sdgTargets}, and its {@code sdgGoals} that none of its linked targets belongs to (goals
 * that a source gave without a target); links made here (accepted suggestions, added by hand) are stored apart
 * and are the only ones that can be removed. Whoever may read the recommendation reads its links and suggestions; administrators and
 * the country's coordinators change them, with {@code If-Match} on every removal and decision (a link and a suggestion
 * have no version column: their tags are computed, and checked under a per-recommendation advisory lock and the
 * row's lock, so that of two writes made on one reading only one applies). Another country's recommendation answers 404. Every change is audited on
 * the recommendation and fires {@link DomainEventType#SDG_LINK_CHANGED}.
 *
 * <p>Suggestions: the recommendation's text and the 169 target texts (English, from the indicators service) are
 * embedded with {@link SentenceEmbedder}; a target's confidence is (c + g) / 2 clipped to [0, 1], where c is the
 * cosine of recommendation and target and g the mean of the three best cosines among the targets of its goal.
 * The indicators service is called outside any transaction; when it is unavailable the request answers 503 and
 * stores nothing.
 */
@ApplicationScoped
public class SdgService {

    static final String RESOURCE = RecommendationService.RESOURCE;
    public static final String IMPORTED = "IMPORTED";
    public static final String SUGGESTED_ACCEPTED = "SUGGESTED_ACCEPTED";
    public static final String MANUAL = "MANUAL";
    private static final Pattern TARGET_CODE = Pattern.compile("^([1-9]|1[0-7])\\.([1-9][0-9]?|[a-z])$");
    private static final Logger LOG = Logger.getLogger(SdgService.class);

    @Inject
    RecommendationService recommendations;

    @Inject
    SdgRepository repository;

    @Inject
    IndicatorsServiceClient indicators;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Event<DomainEvent> events;

    @ConfigProperty(name = "opennrtd.sdg.retry-after-seconds", defaultValue = "10")
    int retryAfterSeconds;

    @ConfigProperty(name = "opennrtd.sdg.suggestions", defaultValue = "5")
    int suggestionCount;

    /** A link as presented: imported ones have no author and time. */
    public record LinkView(String targetCode, String origin, String createdBy, OffsetDateTime createdAt) {
    }

    /** A link to a goal as a whole, without a target: always imported with the record. */
    public record GoalLinkView(int goal, String origin) {
    }

    /** A recommendation's links: to targets, and to the goals that none of those targets belongs to. */
    public record Links(List<LinkView> targets, List<GoalLinkView> goals) {
    }

    @Transactional
    public Links links(UUID id) {
        RecommendationEntity r = recommendations.get(id);
        List<LinkView> targets = links(r);
        return new Links(targets, goalLinks(r.sdgGoals, targets));
    }

    /**
     * The goals linked without a target: each of {@code goals} that none of {@code targets} belongs to, ascending
     * and once, so a goal is shown once, either through a target link or as a goal link.
     */
    static List<GoalLinkView> goalLinks(List<Integer> goals, List<LinkView> targets) {
        Set<Integer> throughTargets = targets.stream().map(l -> goalOf(l.targetCode())).collect(Collectors.toSet());
        return new TreeSet<>(goals).stream().filter(g -> !throughTargets.contains(g))
                .map(g -> new GoalLinkView(g, IMPORTED)).toList();
    }

    private static int goalOf(String targetCode) {
        return Integer.parseInt(targetCode.substring(0, targetCode.indexOf('.')));
    }

    @Transactional
    public List<Suggestion> suggestions(UUID id) {
        recommendations.get(id);
        return repository.suggestions(id);
    }

    /** Links the recommendation to a target of the framework by hand. */
    public LinkView addManual(UUID id, String targetCode) {
        QuarkusTransaction.requiringNew().run(() -> caller.requireWriteAccessTo(recommendations.get(id).country));
        String code = targetCode == null ? "" : targetCode.strip();
        if (!TARGET_CODE.matcher(code).matches()) {
            throw ProblemException.unprocessable("The target code must be an SDG target code such as 5.2 or 16.a.",
                    List.of(new FieldViolation("targetCode", "is not an SDG target code")));
        }
        Set<String> known = upstream(() -> indicators.targets()).stream().map(Target::code).collect(Collectors.toSet());
        if (!known.contains(code)) {
            throw ProblemException.unprocessable("The SDG framework has no target " + code + ".",
                    List.of(new FieldViolation("targetCode", "is not a target of the SDG framework")));
        }
        return QuarkusTransaction.requiringNew().call(() -> link(id, code, MANUAL));
    }

    /** One link to a target, as {@link #links(UUID)} lists it; a target it is not linked to answers 404. */
    @Transactional
    public LinkView link(UUID id, String targetCode) {
        RecommendationEntity r = recommendations.get(id);
        return links(r).stream().filter(l -> l.targetCode().equals(targetCode)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("SDG link of recommendation " + id, targetCode));
    }

    /** One suggestion, open or decided. */
    @Transactional
    public Suggestion suggestion(UUID id, String targetCode) {
        recommendations.get(id);
        return repository.suggestion(id, targetCode)
                .orElseThrow(() -> ProblemException.notFound("SDG suggestion of recommendation " + id, targetCode));
    }

    /**
     * A link's entity tag: over what a link is (a link is never changed, only removed and perhaps made again, which
     * gives it another author or time and so another tag).
     */
    public static String etag(LinkView link) {
        return EntityTags.ofState("sdg-link", link.targetCode(), link.origin(), link.createdBy(),
                link.createdAt() == null ? null : link.createdAt().toInstant());
    }

    /**
     * A suggestion's entity tag: over the fields a decision changes (state, by whom, when) and its creation time,
     * which a new computation of the recommendation's suggestions changes.
     */
    public static String etag(Suggestion s) {
        return EntityTags.ofState("sdg-suggestion", s.targetCode(), s.state(), s.decidedBy(),
                s.decidedAt() == null ? null : s.decidedAt().toInstant(),
                s.createdAt() == null ? null : s.createdAt().toInstant());
    }

    /**
     * Removes a link made here. {@code ifMatch} must be the link's tag ({@link #etag(LinkView)}); it is checked
     * under the recommendation's SDG lock and the link's row lock, so of two removals or a removal and a re-adding
     * with the same tag only one applies.
     */
    @Transactional
    public void remove(UUID id, String targetCode, String ifMatch) {
        RecommendationEntity r = writable(id);
        repository.lock(id);
        Optional<Link> made = repository.linkForUpdate(id, targetCode);
        LinkView current = made.map(l -> new LinkView(l.targetCode(), l.origin(), l.createdBy(), l.createdAt()))
                .orElseGet(() -> r.sdgTargets.contains(targetCode) ? new LinkView(targetCode, IMPORTED, null, null) : null);
        if (current == null) {
            throw ProblemException.notFound("SDG link of recommendation " + id, targetCode);
        }
        EntityTags.requireMatch(ifMatch, etag(current));
        if (made.isEmpty()) {
            throw ProblemException.conflict("The link to target " + targetCode
                    + " was imported with the recommendation; it changes only with the imported record.");
        }
        List<LinkView> before = links(r);
        repository.deleteLink(id, targetCode);
        audit.record(RESOURCE, id, "SDG_LINK_REMOVED", snapshot(before), snapshot(links(r)));
        fire(r, "REMOVED", targetCode);
    }

    /** Accepts an open suggestion; {@code ifMatch} must be its tag ({@link #etag(Suggestion)}). */
    @Transactional
    public LinkView accept(UUID id, String targetCode, String ifMatch) {
        writable(id);
        repository.lock(id);
        decidable(id, targetCode, ifMatch);
        repository.decide(id, targetCode, "ACCEPTED", caller.name(), now());
        return link(id, targetCode, SUGGESTED_ACCEPTED);
    }

    /** Rejects an open suggestion; {@code ifMatch} must be its tag ({@link #etag(Suggestion)}). */
    @Transactional
    public Suggestion reject(UUID id, String targetCode, String ifMatch) {
        writable(id);
        repository.lock(id);
        decidable(id, targetCode, ifMatch);
        repository.decide(id, targetCode, "REJECTED", caller.name(), now());
        audit.record(RESOURCE, id, "SDG_SUGGESTION_REJECTED", Map.of("targetCode", targetCode, "state", "OPEN"),
                Map.of("targetCode", targetCode, "state", "REJECTED"));
        return repository.suggestionForUpdate(id, targetCode).orElseThrow();
    }

    /** Computes and stores the recommendation's suggestions; the slow parts run outside any transaction. */
    public List<Suggestion> suggest(UUID id) {
        String text = QuarkusTransaction.requiringNew().call(() -> writable(id).text);
        List<Target> targets = upstream(() -> indicators.targets());
        if (targets.isEmpty()) {
            throw ProblemException.serviceUnavailable("The indicators-service served no SDG targets. Try again in "
                    + retryAfterSeconds + " seconds.", retryAfterSeconds);
        }
        float[][] targetVectors = targetVectors(targets);
        byte[] sha = sha256(text);
        float[] vector = QuarkusTransaction.requiringNew().call(
                () -> repository.recommendationVector(id, SentenceEmbedder.MODEL, sha).orElse(null));
        boolean computed = vector == null;
        if (computed) {
            vector = SentenceEmbedder.shared().embed(text);
        }
        double[] confidence = confidences(vector, targets, targetVectors);
        float[] recommendationVector = vector;
        return QuarkusTransaction.requiringNew().call(() -> store(id, text, sha, computed ? recommendationVector : null,
                targets, confidence));
    }

    private List<Suggestion> store(UUID id, String text, byte[] sha, float[] newVector, List<Target> targets,
            double[] confidence) {
        RecommendationEntity r = writable(id);
        repository.lock(id);
        if (!sha256Equals(sha, sha256(r.text))) {
            throw ProblemException.conflict("The recommendation's text changed while its suggestions were computed;"
                    + " request them again.");
        }
        OffsetDateTime now = now();
        if (newVector != null) {
            repository.saveRecommendationVector(id, SentenceEmbedder.MODEL, sha, newVector, now);
        }
        Set<String> excluded = links(r).stream().map(LinkView::targetCode).collect(Collectors.toSet());
        repository.suggestions(id).stream().filter(s -> !"OPEN".equals(s.state()))
                .forEach(s -> excluded.add(s.targetCode()));
        Integer[] order = new Integer[targets.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -confidence[i])
                .thenComparing(i -> targets.get(i).code()));
        List<Suggestion> open = new ArrayList<>();
        for (int i : order) {
            if (open.size() >= suggestionCount) {
                break;
            }
            Target t = targets.get(i);
            if (!excluded.contains(t.code())) {
                open.add(new Suggestion(id, t.code(), t.text(), confidence[i], open.size() + 1, "OPEN",
                        SentenceEmbedder.MODEL, caller.name(), now, null, null));
            }
        }
        repository.replaceOpen(id, open);
        audit.record(RESOURCE, id, "SDG_SUGGESTIONS_COMPUTED", null,
                Map.of("model", SentenceEmbedder.MODEL, "targets", open.stream().map(Suggestion::targetCode).toList()));
        return open;
    }

    /** (c + g) / 2 clipped to [0, 1]; see the class comment. */
    public static double[] confidences(float[] vector, List<Target> targets, float[][] targetVectors) {
        double[] cos = new double[targets.size()];
        Map<Integer, List<Double>> byGoal = new HashMap<>();
        for (int i = 0; i < cos.length; i++) {
            cos[i] = SentenceEmbedder.dot(vector, targetVectors[i]);
            byGoal.computeIfAbsent(targets.get(i).goal(), g -> new ArrayList<>()).add(cos[i]);
        }
        Map<Integer, Double> goalScore = new HashMap<>();
        byGoal.forEach((g, c) -> goalScore.put(g, c.stream().sorted(Comparator.reverseOrder()).limit(3)
                .mapToDouble(Double::doubleValue).average().orElse(0)));
        double[] out = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            double v = (cos[i] + goalScore.get(targets.get(i).goal())) / 2;
            out[i] = Math.max(0, Math.min(1, v));
        }
        return out;
    }

    /** Target vectors, from PostgreSQL where kept for the same text and model, embedded (and kept) otherwise. */
    private float[][] targetVectors(List<Target> targets) {
        Map<String, float[]> kept = QuarkusTransaction.requiringNew().call(
                () -> repository.targetVectors(SentenceEmbedder.MODEL));
        float[][] vectors = new float[targets.size()][];
        List<Integer> missing = new ArrayList<>();
        List<byte[]> shas = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            byte[] sha = sha256(targets.get(i).text());
            shas.add(sha);
            vectors[i] = kept.get(SdgRepository.key(targets.get(i).code(), sha));
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> embedded = SentenceEmbedder.shared().embed(
                    missing.stream().map(i -> targets.get(i).text()).toList());
            List<TargetVector> fresh = new ArrayList<>();
            for (int m = 0; m < missing.size(); m++) {
                int i = missing.get(m);
                vectors[i] = embedded.get(m);
                fresh.add(new TargetVector(targets.get(i).code(), shas.get(i), vectors[i]));
            }
            QuarkusTransaction.requiringNew().run(() -> repository.saveTargetVectors(SentenceEmbedder.MODEL, fresh, now()));
        }
        return vectors;
    }

    private LinkView link(UUID id, String code, String origin) {
        RecommendationEntity r = writable(id);
        repository.lock(id);
        List<LinkView> before = links(r);
        if (r.sdgTargets.contains(code)) {
            throw ProblemException.conflict("The recommendation is linked to target " + code
                    + " already (imported with the record).");
        }
        Link link = new Link(code, origin, caller.name(), now());
        if (!repository.insertLink(id, link)) {
            throw ProblemException.conflict("The recommendation is linked to target " + code + " already.");
        }
        audit.record(RESOURCE, id, "SDG_LINK_ADDED", snapshot(before), snapshot(links(r)));
        fire(r, "ADDED", code);
        return new LinkView(link.targetCode(), link.origin(), link.createdBy(), link.createdAt());
    }

    /**
     * The suggestion, locked, if it exists (404), matches {@code ifMatch} (428, 412) and is still open (409). The
     * tag is checked first: a decision made meanwhile changed it, so the loser of two decisions gets 412.
     */
    private Suggestion decidable(UUID id, String targetCode, String ifMatch) {
        Suggestion s = repository.suggestionForUpdate(id, targetCode)
                .orElseThrow(() -> ProblemException.notFound("SDG suggestion of recommendation " + id, targetCode));
        EntityTags.requireMatch(ifMatch, etag(s));
        if (!"OPEN".equals(s.state())) {
            throw ProblemException.conflict("The suggestion of target " + targetCode + " was "
                    + s.state().toLowerCase() + " already.");
        }
        return s;
    }

    private RecommendationEntity writable(UUID id) {
        RecommendationEntity r = recommendations.get(id);
        caller.requireWriteAccessTo(r.country);
        return r;
    }

    private List<LinkView> links(RecommendationEntity r) {
        List<LinkView> out = new ArrayList<>();
        for (String code : r.sdgTargets) {
            out.add(new LinkView(code, IMPORTED, null, null));
        }
        for (Link l : repository.links(r.id)) {
            out.add(new LinkView(l.targetCode(), l.origin(), l.createdBy(), l.createdAt()));
        }
        return out;
    }

    private static List<Map<String, Object>> snapshot(List<LinkView> links) {
        return links.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("targetCode", l.targetCode());
            m.put("origin", l.origin());
            return m;
        }).toList();
    }

    private void fire(RecommendationEntity r, String action, String targetCode) {
        events.fire(DomainEvent.of(DomainEventType.SDG_LINK_CHANGED, r.country, RESOURCE, r.id,
                Map.of("action", action, "targetCode", targetCode)));
    }

    /** Runs a call of the indicators service; whatever way it fails, the caller gets a quick 503. */
    private <T> T upstream(Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            LOG.warn("Not calling the indicators-service: its circuit breaker is open after repeated failures");
            throw unavailable("has failed repeatedly; calls to it are paused for a short while");
        } catch (TimeoutException e) {
            LOG.warn("The indicators-service did not answer in time");
            throw unavailable("did not answer in time");
        } catch (UpstreamException e) {
            LOG.warnf("Call to the indicators-service failed: %s", e.getMessage());
            throw unavailable("is unavailable or failing");
        }
    }

    private ProblemException unavailable(String what) {
        return ProblemException.serviceUnavailable("The indicators-service, which serves the SDG target texts, "
                + what + ". Try again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sha256Equals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
