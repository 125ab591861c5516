package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.clustering.NearDuplicateFinder;
import org.opennrtd.recommendations.repository.NearDuplicateRepository;
import org.opennrtd.recommendations.repository.NearDuplicateRepository.Group;
import org.opennrtd.recommendations.repository.NearDuplicateRepository.MemberView;
import org.opennrtd.recommendations.repository.NearDuplicateRepository.Run;

/**
 * Near-duplicate groups per country: computed from the texts ({@link NearDuplicateFinder}), stored, and read with
 * the same country scoping as recommendations. An import recomputes its countries in its own transaction, so a
 * succeeded job's groups are already current; a recommendation created or changed by hand has its country
 * recomputed right after its transaction commits; groups of countries never computed (or computed with another
 * threshold) are computed at start; administrators and coordinators can ask for a recomputation.
 */
@ApplicationScoped
public class NearDuplicateService {

    private static final Logger LOG = Logger.getLogger(NearDuplicateService.class);
    static final String RESOURCE = "near-duplicate-run";

    @Inject
    NearDuplicateRepository repository;

    @Inject
    RecommendationService recommendations;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ManagedExecutor executor;

    @ConfigProperty(name = "opennrtd.near-duplicates.threshold", defaultValue = "0.45")
    double threshold;

    /** Whether groups are kept up to date automatically (after changes and at start); requests always work. */
    @ConfigProperty(name = "opennrtd.near-duplicates.enabled", defaultValue = "true")
    boolean enabled;

    /** Countries whose recomputation is queued, so that a burst of edits computes once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /** Fired inside the transaction that changed a country's recommendations by hand. */
    public record CountryChanged(String country) {
    }

    public record GroupView(Group group, List<MemberView> members) {
    }

    public record GroupViewPage(List<GroupView> items, long total) {
    }

    public record NearDuplicates(UUID recommendationId, UUID groupId, List<MemberView> items) {
    }

    /** Recomputes and stores the country's groups in the caller's transaction; returns what was stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Run recompute(String country) {
        repository.lockCountry(country);
        long start = System.nanoTime();
        List<NearDuplicateRepository.Text> texts = repository.texts(country);
        NearDuplicateFinder.Result result = new NearDuplicateFinder(threshold)
                .find(texts.stream().map(NearDuplicateRepository.Text::text).toList());
        List<Group> groups = new ArrayList<>();
        List<NearDuplicateRepository.Member> members = new ArrayList<>();
        List<NearDuplicateRepository.Pair> pairs = new ArrayList<>();
        for (NearDuplicateFinder.Group g : result.groups()) {
            UUID groupId = groupId(country, g, texts);
            groups.add(new Group(groupId, country, g.members().length, texts.get(g.representative()).id(),
                    round(g.cohesion())));
            for (int k = 0; k < g.members().length; k++) {
                members.add(new NearDuplicateRepository.Member(groupId, texts.get(g.members()[k]).id(),
                        round(g.scores()[k])));
            }
            for (NearDuplicateFinder.Pair p : g.pairs()) {
                UUID a = texts.get(p.a()).id();
                UUID b = texts.get(p.b()).id();
                pairs.add(new NearDuplicateRepository.Pair(a, b, groupId, round(p.score())));
                pairs.add(new NearDuplicateRepository.Pair(b, a, groupId, round(p.score())));
            }
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        Run run = new Run(country, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), threshold,
                texts.size(), groups.size(), durationMs);
        repository.replace(country, groups, members, pairs, run);
        LOG.infof("Near-duplicates of %s: %d groups over %d recommendations (%d candidate pairs) in %d ms", country,
                groups.size(), texts.size(), result.candidatePairs(), durationMs);
        return run;
    }

    /** Recomputes each country, for an import that touched them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(Collection<String> countries) {
        new TreeSet<>(countries).forEach(this::recompute);
    }

    /** An explicit recomputation: administrators for any country, coordinators for their own; audited. */
    @Transactional
    public Run recomputeOnRequest(String country) {
        caller.requireWriteAccessTo(country);
        Run run = recompute(country);
        audit.record(RESOURCE, UUID.nameUUIDFromBytes(("near-duplicates:" + country).getBytes(StandardCharsets.UTF_8)),
                "RECOMPUTE", null, Map.of("country", country, "recommendations", run.recommendations(),
                        "groups", run.groups(), "threshold", run.threshold()));
        return run;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CountryChanged event) {
        if (enabled && queued.add(event.country())) {
            executor.runAsync(() -> {
                queued.remove(event.country());
                recomputeInNewTransaction(event.country());
            });
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        executor.runAsync(() -> {
            List<String> countries = QuarkusTransaction.requiringNew().call(() -> repository.countriesWithoutRun(threshold));
            countries.forEach(this::recomputeInNewTransaction);
        });
    }

    private void recomputeInNewTransaction(String country) {
        try {
            QuarkusTransaction.requiringNew().run(() -> recompute(country));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Near-duplicates of %s could not be computed", country);
        }
    }

    @Transactional
    public GroupViewPage groups(String country, int minSize, int offset, int limit) {
        Optional<String> scope = caller.countryScope(country);
        NearDuplicateRepository.GroupPage page = repository.groups(scope, minSize, offset, limit);
        Map<UUID, List<MemberView>> members = repository.members(page.items().stream().map(Group::id).toList());
        return new GroupViewPage(page.items().stream()
                .map(g -> new GroupView(g, members.getOrDefault(g.id(), List.of()))).toList(), page.total());
    }

    @Transactional
    public GroupView group(UUID id) {
        Group group = repository.group(id).filter(g -> caller.maySeeCountry(g.country()))
                // Do not reveal that another country's group exists.
                .orElseThrow(() -> ProblemException.notFound("near-duplicate group", id));
        return new GroupView(group, repository.members(List.of(id)).getOrDefault(id, List.of()));
    }

    @Transactional
    public NearDuplicates of(UUID recommendationId) {
        recommendations.get(recommendationId);
        return new NearDuplicates(recommendationId, repository.groupOf(recommendationId).orElse(null),
                repository.nearDuplicatesOf(recommendationId));
    }

    /** A name-based id of the sorted member ids: the same members keep the same group id across recomputations. */
    private static UUID groupId(String country, NearDuplicateFinder.Group g, List<NearDuplicateRepository.Text> texts) {
        TreeSet<String> ids = new TreeSet<>();
        for (int m : g.members()) {
            ids.add(texts.get(m).id().toString());
        }
        return UUID.nameUUIDFromBytes(("near-duplicates:" + country + ":" + String.join(",", ids))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Four decimals, and never 0: a stored score lies in (0, 1]. */
    private static double round(double score) {
        return Math.max(0.0001, Math.min(1.0, Math.round(score * 10_000) / 10_000.0));
    }
}
