package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.api.model.RecommendationScope;
import org.opennrtd.recommendations.clustering.ClusterExplainer;
import org.opennrtd.recommendations.clustering.ClusterLabeler;
import org.opennrtd.recommendations.clustering.RecommendationDistance;
import org.opennrtd.recommendations.clustering.SentenceEmbedder;
import org.opennrtd.recommendations.clustering.ThemeClusterer;
import org.opennrtd.recommendations.mapping.ScopeMapper;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository.Computation;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository.MemberReason;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository.Suggestion;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository.Text;
import org.opennrtd.recommendations.repository.RecommendationRepository;

/**
 * Automatic clustering as a job: a request queues it (202) with its scope (the recommendation list's filters over
 * the job's country, stored with the job), a worker embeds the scope's texts that have no embedding for their
 * current text yet (kept in {@code recommendation_embedding}, so each text is embedded once), clusters them by
 * {@link RecommendationDistance} (text, imported themes and affected persons; {@link ThemeClusterer}), labels the
 * clusters and says why each member is in its cluster ({@link ClusterLabeler}, {@link ClusterExplainer}) and stores
 * those of two or more members as open suggestions, replacing the country's earlier open ones over the same scope.
 * A scope that selects nothing succeeds with no suggestions. Progress is written as it goes:
 * embedding up to 0.6, clustering up to 0.9; the suggestions appear at once, in the transaction that marks the job
 * SUCCEEDED. Jobs are claimed and run through {@link JobRunner} ({@link ClusterComputationJobs}): one replica at a
 * time, and again from scratch by another replica if the one running it dies (embeddings already kept are reused).
 */
@ApplicationScoped
public class ClusterComputationService {

    private static final Logger LOG = Logger.getLogger(ClusterComputationService.class);
    static final String RESOURCE = "cluster-computation";
    private static final int EMBEDDING_CHUNK = 256;

    @Inject
    ClusterSuggestionRepository repository;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ManagedExecutor executor;

    @Inject
    JobRunner runner;

    @Inject
    ClusterComputationJobs jobs;

    @Inject
    RecommendationRepository recommendations;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "opennrtd.clusters.weight.text", defaultValue = "0.5")
    double textWeight;

    @ConfigProperty(name = "opennrtd.clusters.weight.theme", defaultValue = "0.4")
    double themeWeight;

    @ConfigProperty(name = "opennrtd.clusters.weight.affected-persons", defaultValue = "0.1")
    double affectedPersonsWeight;

    @ConfigProperty(name = "opennrtd.clusters.weight.first-theme", defaultValue = "2")
    double firstThemeWeight;

    @ConfigProperty(name = "opennrtd.clusters.cut-distance", defaultValue = "0.5")
    double cutDistance;

    @ConfigProperty(name = "opennrtd.clusters.direct-limit", defaultValue = "5000")
    int directLimit;

    /**
     * Queues a computation over the scope's recommendations of {@code country}: required of administrators, the
     * token's country (and the default) for everybody else.
     */
    @Transactional
    public Computation request(String country, Integer k, RecommendationScope scope) {
        String target = country;
        if (target == null) {
            if (caller.hasRole(Roles.ADMIN)) {
                throw ProblemException.invalidField("body.country", "is required for administrators");
            }
            target = caller.country().orElseThrow(() -> ProblemException.forbidden(
                    "Your account has no country claim, so it may not cluster country data."));
        }
        caller.requireWriteAccessTo(target);
        if (scope != null && scope.getPublishedFrom() != null && scope.getPublishedTo() != null
                && scope.getPublishedFrom().isAfter(scope.getPublishedTo())) {
            throw ProblemException.badRequest("body.scope.publishedTo: must not be before publishedFrom",
                    List.of(new FieldViolation("body.scope.publishedTo", "must not be before publishedFrom")));
        }
        Map<String, Object> stored = ScopeMapper.toMap(scope);
        Computation c = new Computation(UUID.randomUUID(), target, k, stored, "QUEUED", 0, SentenceEmbedder.MODEL,
                null, null, null, null, now(), caller.name(), null, null);
        repository.insert(c);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("country", target);
        after.put("k", k);
        after.put("scope", stored);
        audit.record(RESOURCE, c.id(), "REQUEST", null, after);
        return c;
    }

    /** The distance's weights as configured. */
    RecommendationDistance.Weights weights() {
        return new RecommendationDistance.Weights(textWeight, themeWeight, affectedPersonsWeight, firstThemeWeight);
    }

    @Transactional
    public Computation get(UUID id) {
        return repository.computation(id).filter(c -> caller.maySeeCountry(c.country()))
                .orElseThrow(() -> ProblemException.notFound("cluster computation", id));
    }

    /** Runs a queued job after its requesting transaction has committed (else a replica's poller will). */
    public void start(UUID id) {
        executor.runAsync(() -> runner.runIfFree(jobs, id));
    }

    /** Marks a running computation FAILED, in a transaction of its own. */
    void fail(UUID id, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (repository.finish(id, "FAILED", null, null, null, reason, now())) {
                audit.record(RESOURCE, id, "FAIL", "cluster-computation", null, Map.of("error", reason));
            }
        });
    }

    /** Runs a computation this replica has claimed, from the start. */
    void compute(UUID id) {
        long t0 = System.nanoTime();
        Computation job = QuarkusTransaction.requiringNew().call(() -> repository.computation(id).orElseThrow());
        String country = job.country();
        RecommendationScope scope = json.convertValue(job.scope(), RecommendationScope.class);
        List<Text> texts = QuarkusTransaction.requiringNew().call(() -> repository.texts(
                recommendations.idsInScope(ScopeMapper.toQuery(country, scope)), SentenceEmbedder.MODEL));
        List<float[]> vectors = new ArrayList<>(texts.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Text t = texts.get(i);
            byte[] hash = sha256(t.text());
            boolean valid = t.vector() != null && Arrays.equals(hash, t.sha256())
                    && t.vector().length == SentenceEmbedder.DIMENSIONS;
            vectors.add(valid ? t.vector() : null);
            if (!valid) {
                missing.add(i);
            }
        }
        SentenceEmbedder embedder = missing.isEmpty() ? null : SentenceEmbedder.shared();
        for (int from = 0; from < missing.size(); from += EMBEDDING_CHUNK) {
            List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + EMBEDDING_CHUNK));
            List<float[]> embedded = embedder.embed(chunk.stream().map(i -> texts.get(i).text()).toList());
            List<Text> kept = new ArrayList<>(chunk.size());
            for (int c = 0; c < chunk.size(); c++) {
                int i = chunk.get(c);
                vectors.set(i, embedded.get(c));
                kept.add(new Text(texts.get(i).id(), null, sha256(texts.get(i).text()), embedded.get(c), null, null));
            }
            double progress = 0.6 * (from + chunk.size()) / missing.size();
            QuarkusTransaction.requiringNew().run(() -> {
                repository.saveEmbeddings(SentenceEmbedder.MODEL, kept, now());
                repository.progress(id, progress);
            });
        }
        long t1 = System.nanoTime();
        List<List<String>> themes = texts.stream().map(Text::themes).toList();
        List<List<String>> persons = texts.stream().map(Text::affectedPersons).toList();
        RecommendationDistance distance = new RecommendationDistance(vectors, themes, persons, weights());
        int[] labels = new ThemeClusterer(cutDistance, directLimit, 42).cluster(vectors, distance, job.requestedK(),
                f -> QuarkusTransaction.requiringNew().run(() -> repository.progress(id, 0.6 + 0.3 * f)));
        List<List<String>> terms = ClusterLabeler.label(texts.stream().map(Text::text).toList(), labels, 3);
        List<Suggestion> suggestions = suggestions(job, texts, vectors, labels, terms);
        long t2 = System.nanoTime();
        boolean stored = QuarkusTransaction.requiringNew().call(() -> {
            repository.lockCountry(country);
            if (!repository.finish(id, "SUCCEEDED", texts.size(), missing.size(), suggestions.size(), null, now())) {
                LOG.warnf("Cluster computation %s is no longer RUNNING: its suggestions are not stored", id);
                return false;
            }
            repository.insertSuggestions(suggestions);
            repository.discardOpen(country, job.scope(), id);
            audit.record(RESOURCE, id, "COMPLETE", "cluster-computation", null, Map.of("recommendations", texts.size(),
                    "embeddingsComputed", missing.size(), "suggestions", suggestions.size()));
            return true;
        });
        if (!stored) {
            return;
        }
        LOG.infof("Clusters of %s: %d suggestions over %d recommendations (%d embedded) in %d ms (embedding %d ms)",
                country, suggestions.size(), texts.size(), missing.size(), (System.nanoTime() - t0) / 1_000_000,
                (t1 - t0) / 1_000_000);
    }

    /** Clusters of two or more members, largest first, with their cohesion (mean cosine to the centroid). */
    private static List<Suggestion> suggestions(Computation job, List<Text> texts, List<float[]> vectors, int[] labels,
            List<List<String>> terms) {
        List<List<String>> themes = texts.stream().map(Text::themes).toList();
        List<List<String>> persons = texts.stream().map(Text::affectedPersons).toList();
        int k = terms.size();
        List<List<Integer>> members = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        List<Suggestion> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Integer> m = members.get(c);
            if (m.size() < 2) {
                continue;
            }
            float[] sum = new float[SentenceEmbedder.DIMENSIONS];
            for (int i : m) {
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += vectors.get(i)[d];
                }
            }
            double norm = Math.sqrt(SentenceEmbedder.dot(sum, sum));
            double cohesion = Math.round(norm / m.size() * 10_000) / 10_000.0;
            ClusterExplainer.Explanation why = ClusterExplainer.explain(m, vectors, themes, persons, terms.get(c));
            List<MemberReason> reasons = why.members().stream().map(r -> new MemberReason(texts.get(r.index()).id(),
                    r.reason(), r.sharedThemes(), r.sharedAffectedPersons(), r.textSimilarity())).toList();
            out.add(new Suggestion(UUID.randomUUID(), job.id(), job.country(), "OPEN", why.label(),
                    why.labelSource().name(), terms.get(c), m.size(), cohesion, null,
                    m.stream().map(i -> texts.get(i).id()).toList(), reasons, job.scope()));
        }
        out.sort(Comparator.comparingInt(Suggestion::size).reversed().thenComparing(Suggestion::cohesion,
                Comparator.reverseOrder()));
        return out;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
