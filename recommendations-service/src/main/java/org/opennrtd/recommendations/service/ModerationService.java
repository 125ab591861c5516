package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.entity.IdentityDisclosureEntity;
import org.opennrtd.recommendations.entity.ModeratorGrantEntity;
import org.opennrtd.recommendations.repository.ModerationRepository;

/**
 * Who may look behind a pseudonym: the moderators of a country, a capability an administrator grants per country
 * and user (never a role by itself: a coordinator is a government official and may neither moderate by default nor
 * grant). Also the authors' stable pseudonyms and each author's record of who read their identity.
 */
@ApplicationScoped
public class ModerationService {

    static final String RESOURCE = "moderator";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ModerationRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** Whether the caller moderates the country. */
    public boolean callerModerates(String country) {
        return repository.isModerator(country, caller.name());
    }

    @Transactional
    public ModerationRepository.Slice<ModeratorGrantEntity> list(String country, int offset, int limit) {
        return repository.grants(caller.countryScope(country).orElse(null), offset, limit);
    }

    @Transactional
    public ModeratorGrantEntity get(UUID id) {
        return repository.grant(id).filter(g -> caller.maySeeCountry(g.country))
                .orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
    }

    @Transactional
    public ModeratorGrantEntity grant(String country, String userName) {
        String iso3 = country.toUpperCase(Locale.ROOT);
        String user = userName.strip();
        if (user.isEmpty()) {
            throw ProblemException.invalidField("userName", "must not be blank");
        }
        if (repository.grant(iso3, user).isPresent()) {
            throw ProblemException.conflict(user + " already moderates " + iso3 + ".");
        }
        ModeratorGrantEntity g = new ModeratorGrantEntity();
        g.id = UUID.randomUUID();
        g.country = iso3;
        g.userName = user;
        g.grantedBy = caller.name();
        g.grantedAt = CommentService.now();
        repository.persist(g);
        audit.record(RESOURCE, g.id, "GRANT", null, snapshot(g));
        return g;
    }

    @Transactional
    public void revoke(UUID id, String ifMatch) {
        ModeratorGrantEntity g = get(id);
        EntityTags.requireMatch(ifMatch, g.version);
        Map<String, Object> before = snapshot(g);
        repository.remove(g);
        audit.record(RESOURCE, id, "REVOKE", before, null);
    }

    @Transactional
    public ModerationRepository.Slice<IdentityDisclosureEntity> myDisclosures(int offset, int limit) {
        return repository.disclosuresOf(caller.name(), offset, limit);
    }

    /** The author's pseudonym in the country, drawn at random the first time and the same ever after. */
    String pseudonymOf(String authorName, String country) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<String> held = repository.claimPseudonym(authorName, country, randomPseudonym(),
                    CommentService.now());
            if (held.isPresent()) {
                return held.get();
            }
        }
        throw new IllegalStateException("No free pseudonym found in " + country + " after 10 draws");
    }

    /** Records that the caller, a moderator, read who wrote a pseudonymous comment. */
    void recordDisclosure(UUID commentId, String country, String authorName) {
        IdentityDisclosureEntity d = new IdentityDisclosureEntity();
        d.id = UUID.randomUUID();
        d.commentId = commentId;
        d.country = country;
        d.authorName = authorName;
        d.moderatorName = caller.name();
        d.disclosedAt = CommentService.now();
        repository.persist(d);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("commentId", commentId.toString());
        after.put("country", country);
        after.put("moderatorName", d.moderatorName);
        audit.record("identity-disclosure", d.id, "DISCLOSE", null, after);
    }

    private static String randomPseudonym() {
        StringBuilder s = new StringBuilder("Participant ");
        for (int i = 0; i < 6; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static Map<String, Object> snapshot(ModeratorGrantEntity g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", g.country);
        m.put("userName", g.userName);
        m.put("grantedBy", g.grantedBy);
        return m;
    }
}
