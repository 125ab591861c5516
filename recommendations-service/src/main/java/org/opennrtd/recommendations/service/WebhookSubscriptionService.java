package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.entity.WebhookDeliveryEntity;
import org.opennrtd.recommendations.entity.WebhookSubscriptionEntity;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.WebhookDeliveryRepository;
import org.opennrtd.recommendations.repository.WebhookSubscriptionRepository;
import org.opennrtd.recommendations.webhooks.WebhookConfig;
import org.opennrtd.recommendations.webhooks.WebhookSecrets;

/**
 * Webhook subscriptions of a country: administrators everywhere, coordinators in their own country. Another
 * country's subscription answers 404. The secret is generated here and shown once; the audit trail never holds it.
 */
@ApplicationScoped
public class WebhookSubscriptionService {

    static final String RESOURCE = "webhook-subscription";

    @Inject
    WebhookSubscriptionRepository repository;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookConfig config;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    public record Draft(String url, List<DomainEventType> eventTypes, String country, Boolean active,
            String description) {
    }

    /** A new subscription with its secret, which exists in clear only in this answer. */
    public record Created(WebhookSubscriptionEntity subscription, String secret) {
    }

    @Transactional
    public Created subscribe(Draft draft) {
        caller.requireWriteAccessTo(draft.country());
        secrets.requireKey();
        WebhookSubscriptionEntity s = new WebhookSubscriptionEntity();
        s.id = UUID.randomUUID();
        s.country = draft.country();
        apply(s, draft);
        String secret = secrets.generate();
        WebhookSecrets.Sealed sealed = secrets.seal(s.id, secret);
        s.secretCiphertext = sealed.ciphertext();
        s.secretNonce = sealed.nonce();
        s.createdBy = caller.name();
        OffsetDateTime now = CommentService.now();
        s.createdAt = now;
        s.updatedAt = now;
        repository.persist(s);
        repository.flush();
        audit.record(RESOURCE, s.id, "CREATE", null, snapshot(s));
        return new Created(s, secret);
    }

    @Transactional
    public WebhookSubscriptionRepository.Slice list(String country, int offset, int limit) {
        return repository.list(caller.countryScope(country), offset, limit);
    }

    @Transactional
    public WebhookSubscriptionEntity get(UUID id) {
        WebhookSubscriptionEntity s = repository.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        if (!caller.maySeeCountry(s.country)) {
            throw ProblemException.notFound(RESOURCE, id);
        }
        return s;
    }

    @Transactional
    public WebhookSubscriptionEntity update(UUID id, Draft draft, String ifMatch) {
        WebhookSubscriptionEntity s = get(id);
        caller.requireWriteAccessTo(s.country);
        EntityTags.requireMatch(ifMatch, s.version);
        if (!s.country.equals(draft.country())) {
            throw ProblemException.unprocessable("country: a subscription stays with " + s.country
                    + "; subscribe anew for " + draft.country() + ".",
                    List.of(new FieldViolation("country", "cannot change")));
        }
        Map<String, Object> before = snapshot(s);
        apply(s, draft);
        if (before.equals(snapshot(s))) {
            return s;
        }
        s.updatedAt = CommentService.now();
        repository.flush();
        audit.record(RESOURCE, s.id, "UPDATE", before, snapshot(s));
        return s;
    }

    @Transactional
    public WebhookDeliveryRepository.Slice deliveries(UUID id, WebhookDeliveryEntity.State state, int offset,
            int limit) {
        get(id);
        return deliveries.ofSubscription(id, state, offset, limit);
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    private void apply(WebhookSubscriptionEntity s, Draft d) {
        s.url = checkedUrl(d.url());
        LinkedHashSet<String> types = new LinkedHashSet<>();
        d.eventTypes().forEach(t -> types.add(t.name()));
        s.eventTypes = new ArrayList<>(types);
        s.active = d.active() == null || d.active();
        s.description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
    }

    /** https anywhere; plain http only to the configured hosts; no user info, no fragment. */
    String checkedUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw invalidUrl("is not a valid address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalidUrl("needs a host, and no user name, password or fragment");
        }
        if (scheme.equals("https")) {
            return uri.toString();
        }
        List<String> httpHosts = config.allowedHttpHosts().orElse(List.of());
        if (scheme.equals("http") && httpHosts.stream().anyMatch(h -> h.strip().equalsIgnoreCase(host))) {
            return uri.toString();
        }
        throw invalidUrl("must use https");
    }

    private static ProblemException invalidUrl(String message) {
        return ProblemException.unprocessable("url: " + message + ".", List.of(new FieldViolation("url", message)));
    }

    static Map<String, Object> snapshot(WebhookSubscriptionEntity s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", s.country);
        m.put("url", s.url);
        m.put("eventTypes", List.copyOf(s.eventTypes));
        m.put("active", s.active);
        m.put("description", s.description);
        return m;
    }
}
