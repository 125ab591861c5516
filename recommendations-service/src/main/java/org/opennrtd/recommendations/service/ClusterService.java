package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.entity.ClusterEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.ClusterRepository;
import org.opennrtd.recommendations.repository.InstitutionRepository;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository.Suggestion;

/**
 * Clusters of a country's recommendations, made by hand or accepted from suggestions. Everyone who may read the
 * country reads them; administrators and the country's coordinators change them, with {@code If-Match} on every
 * change of an existing cluster. Another country's cluster answers 404 to reads and writes alike, so that its
 * existence is not revealed. Every change is audited and fires {@link DomainEventType#CLUSTER_CHANGED}.
 */
@ApplicationScoped
public class ClusterService {

    public static final String RESOURCE = "cluster";
    static final String SUGGESTION = "cluster-suggestion";

    @Inject
    ClusterRepository repository;

    @Inject
    InstitutionRepository institutions;

    @Inject
    ClusterSuggestionRepository suggestions;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Event<DomainEvent> events;

    /** What a caller sets; null members on create mean none. */
    public record Draft(String country, String name, String description, UUID leadInstitutionId,
            Collection<UUID> members) {
    }

    /** A cluster with its members ordered by report and paragraph. */
    public record View(ClusterEntity cluster, List<UUID> members) {
    }

    public record Page(List<View> items, long total) {
    }

    @Transactional
    public Page list(String country, UUID recommendationId, String sort, int offset, int limit) {
        ClusterRepository.Page page = repository.list(caller.countryScope(country), recommendationId, sort, offset, limit);
        return new Page(page.items().stream().map(this::view).toList(), page.total());
    }

    @Transactional
    public View get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public View create(Draft draft) {
        caller.requireWriteAccessTo(draft.country());
        ClusterEntity c = new ClusterEntity();
        c.id = UUID.randomUUID();
        c.country = draft.country();
        c.origin = ClusterEntity.Origin.MANUAL;
        apply(c, draft);
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        repository.persist(c);
        repository.flush();
        audit.record(RESOURCE, c.id, "CREATE", null, snapshot(c));
        fire(c, "CREATE");
        return view(c);
    }

    @Transactional
    public View update(UUID id, Draft draft, String ifMatch) {
        ClusterEntity c = writable(id, ifMatch);
        Map<String, Object> before = snapshot(c);
        apply(c, draft);
        return changed(c, before, "UPDATE");
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        ClusterEntity c = writable(id, ifMatch);
        Map<String, Object> before = snapshot(c);
        repository.delete(c);
        repository.flush();
        audit.record(RESOURCE, c.id, "DELETE", before, null);
        fire(c, "DELETE");
    }

    @Transactional
    public View addMember(UUID id, UUID recommendationId, String ifMatch) {
        ClusterEntity c = writable(id, ifMatch);
        if (c.members.contains(recommendationId)) {
            return view(c);
        }
        requireMembersOf(c.country, List.of(recommendationId), "recommendationId");
        Map<String, Object> before = snapshot(c);
        c.members.add(recommendationId);
        return changed(c, before, "ADD_MEMBER");
    }

    @Transactional
    public View removeMember(UUID id, UUID recommendationId, String ifMatch) {
        ClusterEntity c = writable(id, ifMatch);
        if (!c.members.contains(recommendationId)) {
            throw ProblemException.notFound("member of cluster " + id, recommendationId);
        }
        Map<String, Object> before = snapshot(c);
        c.members.remove(recommendationId);
        return changed(c, before, "REMOVE_MEMBER");
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        find(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    /** Makes a cluster of an open suggestion, with the caller's edits; the suggestion becomes ACCEPTED. */
    @Transactional
    public View accept(UUID suggestionId, String name, String description, UUID leadInstitutionId,
            Collection<UUID> members, String ifMatch) {
        return acceptOpen(openSuggestion(suggestionId, ifMatch), name, description, leadInstitutionId, members);
    }

    /** A suggestion's decision in a bulk decision: which, and the tag the caller read. */
    public record Decision(UUID suggestionId, String etag) {
    }

    /**
     * Accepts (as the suggestions stand) or discards every listed suggestion, all or nothing: each is locked, in id
     * order so that two bulk decisions cannot deadlock, and checked as a single decision checks it (404, 403, 412,
     * 409, the problem naming {@code suggestions[i]}) before anything changes. Audited per suggestion.
     */
    @Transactional
    public List<Suggestion> decide(boolean accept, List<Decision> decisions) {
        Set<UUID> seen = new LinkedHashSet<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (!seen.add(decisions.get(i).suggestionId())) {
                throw ProblemException.invalidField("body.suggestions[" + i + "].id",
                        decisions.get(i).suggestionId() + " is listed twice");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(i -> decisions.get(i).suggestionId()));
        Suggestion[] locked = new Suggestion[decisions.size()];
        for (int i : order) {
            locked[i] = named(i, () -> openSuggestion(decisions.get(i).suggestionId(), decisions.get(i).etag()));
        }
        List<Suggestion> out = new ArrayList<>(locked.length);
        for (Suggestion s : locked) {
            out.add(accept ? decided(acceptOpen(s, null, null, null, null).cluster().suggestionId)
                    : discardOpen(s));
        }
        return out;
    }

    /**
     * Accepts every open suggestion of a computation, all or nothing, if {@code ifMatch} is the computation's tag
     * ({@link #computationTag}) read under the suggestions' locks.
     */
    @Transactional
    public List<Suggestion> acceptAll(UUID computationId, String ifMatch) {
        ClusterSuggestionRepository.Computation job = suggestions.computation(computationId)
                .filter(c -> caller.maySeeCountry(c.country()))
                .orElseThrow(() -> ProblemException.notFound("cluster computation", computationId));
        caller.requireWriteAccessTo(job.country());
        Map<UUID, String> states = suggestions.suggestionStates(computationId, true);
        EntityTags.requireMatch(ifMatch, computationTag(job, states));
        if (!"SUCCEEDED".equals(job.state())) {
            throw ProblemException.conflict("The computation is " + job.state().toLowerCase()
                    + "; only a computation that succeeded has suggestions to accept.");
        }
        List<UUID> open = states.entrySet().stream().filter(e -> "OPEN".equals(e.getValue())).map(Map.Entry::getKey)
                .toList();
        if (open.isEmpty()) {
            throw ProblemException.conflict("The computation has no open suggestion left to accept.");
        }
        List<Suggestion> out = new ArrayList<>(open.size());
        for (UUID id : open) {
            Suggestion s = suggestions.suggestion(id, false).orElseThrow();
            out.add(decided(acceptOpen(s, null, null, null, null).cluster().suggestionId));
        }
        out.sort(java.util.Comparator.comparingInt(Suggestion::size).reversed()
                .thenComparing(Suggestion::cohesion, java.util.Comparator.reverseOrder()));
        return out;
    }

    /** A computation's tag, as {@code getClusterComputation} answers it. */
    @Transactional
    public String computationTag(UUID computationId) {
        ClusterSuggestionRepository.Computation job = suggestions.computation(computationId).orElseThrow();
        return computationTag(job, suggestions.suggestionStates(computationId, false));
    }

    /** Over the job's state and each of its suggestions' state: deciding any suggestion changes it. */
    static String computationTag(ClusterSuggestionRepository.Computation job, Map<UUID, String> states) {
        return EntityTags.ofState("cluster-computation", job.id(), job.state(), states.toString());
    }

    private Suggestion decided(UUID suggestionId) {
        return suggestions.suggestion(suggestionId, false).orElseThrow();
    }

    /** Runs a check of the i-th listed suggestion; its problem names the item. */
    private static Suggestion named(int i, java.util.function.Supplier<Suggestion> check) {
        try {
            return check.get();
        } catch (ProblemException e) {
            String field = "body.suggestions[" + i + "]";
            throw new ProblemException(e.status(), e.type(), e.title(), field + ": " + e.getMessage(),
                    List.of(new FieldViolation(field, e.getMessage())));
        }
    }

    private View acceptOpen(Suggestion s, String name, String description, UUID leadInstitutionId,
            Collection<UUID> members) {
        ClusterEntity c = new ClusterEntity();
        c.id = UUID.randomUUID();
        c.country = s.country();
        c.origin = ClusterEntity.Origin.SUGGESTED;
        c.suggestionId = s.id();
        String defaultName = label(s);
        apply(c, new Draft(s.country(), name == null || name.isBlank() ? defaultName : name,
                description, leadInstitutionId, members == null || members.isEmpty() ? s.members() : members));
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        repository.persist(c);
        repository.flush();
        suggestions.resolve(s.id(), "ACCEPTED", c.id);
        audit.record(SUGGESTION, s.id(), "ACCEPT", Map.of("state", "OPEN"), Map.of("state", "ACCEPTED", "clusterId", c.id));
        audit.record(RESOURCE, c.id, "CREATE", null, snapshot(c));
        fire(c, "CREATE");
        return view(c);
    }

    @Transactional
    public Suggestion discard(UUID suggestionId, String ifMatch) {
        return discardOpen(openSuggestion(suggestionId, ifMatch));
    }

    /** What a suggestion is called: its label, or for one made before labels its terms. */
    public static String label(Suggestion s) {
        if (s.label() != null && !s.label().isBlank()) {
            return s.label().length() > 200 ? s.label().substring(0, 200) : s.label();
        }
        return s.terms().isEmpty() ? "Suggested cluster" : String.join(", ", s.terms());
    }

    private Suggestion discardOpen(Suggestion s) {
        suggestions.resolve(s.id(), "DISCARDED", null);
        audit.record(SUGGESTION, s.id(), "DISCARD", Map.of("state", "OPEN"), Map.of("state", "DISCARDED"));
        return suggestions.suggestion(s.id(), false).orElseThrow();
    }

    @Transactional
    public Suggestion suggestion(UUID id) {
        return suggestions.suggestion(id, false).filter(s -> caller.maySeeCountry(s.country()))
                .orElseThrow(() -> ProblemException.notFound("cluster suggestion", id));
    }

    @Transactional
    public ClusterSuggestionRepository.SuggestionPage suggestions(String country, UUID computationId, String state,
            int offset, int limit) {
        return suggestions.suggestions(caller.countryScope(country), computationId, state, offset, limit);
    }

    /**
     * A suggestion's entity tag, over the fields a decision (or a newer computation, which discards it) changes:
     * a suggestion has no version column.
     */
    public static String etag(Suggestion s) {
        return EntityTags.ofState("cluster-suggestion", s.id(), s.state(), s.clusterId());
    }

    /**
     * The suggestion, its row locked until the transaction ends, if the caller may decide it (404, 403), its tag
     * matches {@code ifMatch} (428, 412) and it is still open (409). The tag is checked under the lock and before
     * the state, so of two decisions with the same tag one applies and the other gets 412.
     */
    private Suggestion openSuggestion(UUID id, String ifMatch) {
        Suggestion s = suggestions.suggestion(id, true).filter(x -> caller.maySeeCountry(x.country()))
                .orElseThrow(() -> ProblemException.notFound("cluster suggestion", id));
        caller.requireWriteAccessTo(s.country());
        EntityTags.requireMatch(ifMatch, etag(s));
        if (!"OPEN".equals(s.state())) {
            throw ProblemException.conflict("The suggestion was " + s.state().toLowerCase() + " already.");
        }
        return s;
    }

    private ClusterEntity find(UUID id) {
        return repository.findByIdOptional(id).filter(c -> caller.maySeeCountry(c.country))
                // Do not reveal that another country's cluster exists.
                .orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
    }

    private ClusterEntity writable(UUID id, String ifMatch) {
        ClusterEntity c = find(id);
        caller.requireWriteAccessTo(c.country);
        EntityTags.requireMatch(ifMatch, c.version);
        return c;
    }

    private View changed(ClusterEntity c, Map<String, Object> before, String action) {
        Map<String, Object> after = snapshot(c);
        if (before.equals(after)) {
            return view(c);
        }
        c.updatedAt = now();
        repository.flush();
        audit.record(RESOURCE, c.id, action, before, snapshot(c));
        fire(c, action);
        return view(c);
    }

    private void apply(ClusterEntity c, Draft d) {
        if (d.name() == null || d.name().isBlank()) {
            throw ProblemException.invalidField("name", "must not be blank");
        }
        c.name = d.name().strip();
        c.description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        if (d.leadInstitutionId() != null
                && institutions.idsInCountry(c.country, List.of(d.leadInstitutionId())).isEmpty()) {
            throw ProblemException.unprocessable("The lead institution must be an institution of " + c.country + ".",
                    List.of(new FieldViolation("leadInstitutionId", "no institution of " + c.country + " has id "
                            + d.leadInstitutionId())));
        }
        c.leadInstitutionId = d.leadInstitutionId();
        if (d.members() != null) {
            Set<UUID> members = new LinkedHashSet<>(d.members());
            requireMembersOf(c.country, members, "recommendationIds");
            c.members.retainAll(members);
            c.members.addAll(members);
        }
    }

    private void requireMembersOf(String country, Collection<UUID> ids, String field) {
        Set<UUID> known = repository.recommendationsOf(country, ids);
        List<FieldViolation> violations = new ArrayList<>();
        for (UUID id : ids) {
            if (!known.contains(id)) {
                violations.add(new FieldViolation(field, id + " is not a recommendation of " + country + "."));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("Members must be recommendations of the cluster's country ("
                    + country + ").", violations);
        }
    }

    private View view(ClusterEntity c) {
        return new View(c, repository.orderedMembers(c.id));
    }

    private void fire(ClusterEntity c, String action) {
        events.fire(DomainEvent.of(DomainEventType.CLUSTER_CHANGED, c.country, RESOURCE, c.id,
                Map.of("action", action, "size", c.members.size())));
    }

    static Map<String, Object> snapshot(ClusterEntity c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", c.country);
        m.put("name", c.name);
        m.put("description", c.description);
        m.put("leadInstitutionId", c.leadInstitutionId == null ? null : c.leadInstitutionId.toString());
        m.put("origin", c.origin.name());
        m.put("members", c.members.stream().map(UUID::toString).sorted().toList());
        return m;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
