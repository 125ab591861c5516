package org.opennrtd.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that were verified a moment ago are not verified again at every request: the identity that OIDC's
 * verification (signature, issuer, audience, expiry) made from a token is kept, keyed by the whole token exactly as
 * sent, for at most {@code opennrtd.security.token-cache.max-ttl} and never past the token's own expiry; at most
 * {@code opennrtd.security.token-cache.max-size} tokens are kept (least recently used go first).
 *
 * <p>What it does not change: a token that is not byte for byte one already verified (a forged signature over the same
 * claims, the same claims signed with another key, a modified claim) is verified in full by OIDC and refused as before;
 * an expired token is refused as before, cached or not. What it costs: a key that Keycloak retires, or a session it
 * ends, stops a token already verified only after at most the maximum time to live (a minute by default); access
 * tokens verified locally were never checked against Keycloak's sessions at each request anyway.
 *
 * <p>It runs before OIDC's own identity provider (higher priority) and, for a token it has not seen, asks that provider.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Before {@link OidcIdentityProvider}, which has the default priority ({@code SYSTEM_FIRST + 1}). */
    static final int PRIORITY = SYSTEM_FIRST + 2;

    @Inject
    OidcIdentityProvider oidc;

    @ConfigProperty(name = "opennrtd.security.token-cache.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "opennrtd.security.token-cache.max-size", defaultValue = "10000")
    long maxSize;

    @ConfigProperty(name = "opennrtd.security.token-cache.max-ttl", defaultValue = "PT60S")
    Duration maxTtl;

    private Cache<String, Verified> cache;

    @PostConstruct
    void init() {
        cache = build(maxSize, System::nanoTime);
    }

    /** An identity made from a verified token, without what belonged to the request that sent it, and until when. */
    record Verified(SecurityIdentity identity, long expiresAtNanos) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled) {
            return oidc.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        Verified verified = cache.getIfPresent(token);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (verified != null && System.nanoTime() - verified.expiresAtNanos() < 0) {
            return Uni.createFrom().item(forRequest(verified.identity(), routing));
        }
        return oidc.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long untilExpiry = Duration.between(Instant.now(), Instant.ofEpochSecond(jwt.getExpirationTime())).toNanos();
        long ttl = Math.min(untilExpiry, maxTtl.toNanos());
        if (ttl > 0) {
            cache.put(token, new Verified(withoutRequest(identity), System.nanoTime() + ttl));
        }
    }

    /** The identity without the objects of the request that made it (its routing context, its request context). */
    static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles()).addCredentials(identity.getCredentials())
                .addPermissions(identity.getPermissions()).setAnonymous(identity.isAnonymous());
        identity.getAttributes().forEach((name, value) -> {
            if (!(value instanceof RoutingContext) && !(value instanceof AuthenticationRequestContext)) {
                builder.addAttribute(name, value);
            }
        });
        return builder.build();
    }

    /** A cached identity for the request at hand, with its routing context as OIDC's identities carry it. */
    private static SecurityIdentity forRequest(SecurityIdentity cached, RoutingContext routing) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(cached);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }

    /** Whether {@code token} is kept as verified now. */
    public boolean holds(String token) {
        Verified verified = cache.getIfPresent(token);
        return verified != null && System.nanoTime() - verified.expiresAtNanos() < 0;
    }

    /** A cache of at most {@code maxSize} tokens, each dropped at its own expiry as {@code clock} tells time. */
    static Cache<String, Verified> build(long maxSize, LongSupplier clock) {
        return Caffeine.newBuilder().maximumSize(maxSize).ticker(clock::getAsLong)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        return Math.max(0, value.expiresAtNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return Math.max(0, value.expiresAtNanos() - currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }
}
