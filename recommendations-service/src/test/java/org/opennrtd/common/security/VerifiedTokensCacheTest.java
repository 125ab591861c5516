package org.opennrtd.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens itself: bounded, and each token dropped at its own expiry. */
class VerifiedTokensCacheTest {

    private static VerifiedTokens.Verified until(long nanos) {
        return new VerifiedTokens.Verified(QuarkusSecurityIdentity.builder().setPrincipal(() -> "someone").build(), nanos);
    }

    @Test
    void neverHoldsMoreThanItsMaximum() {
        AtomicLong clock = new AtomicLong();
        Cache<String, VerifiedTokens.Verified> cache = VerifiedTokens.build(100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            cache.put("token-" + i, until(TimeUnit.MINUTES.toNanos(5)));
        }
        cache.cleanUp();
        assertTrue(cache.estimatedSize() <= 100, "held " + cache.estimatedSize());
    }

    @Test
    void aTokenIsDroppedAtItsOwnExpiry() {
        AtomicLong clock = new AtomicLong(1_000);
        Cache<String, VerifiedTokens.Verified> cache = VerifiedTokens.build(100, clock::get);
        cache.put("short", until(1_000 + TimeUnit.SECONDS.toNanos(2)));
        cache.put("long", until(1_000 + TimeUnit.SECONDS.toNanos(50)));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertNotNull(cache.getIfPresent("short"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertNull(cache.getIfPresent("short"), "gone at its expiry");
        assertNotNull(cache.getIfPresent("long"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(48));
        assertNull(cache.getIfPresent("long"));
    }

    @Test
    void aCachedIdentityKeepsNothingOfTheRequestThatMadeIt() {
        RoutingContext request = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (p, m, a) -> null) instanceof RoutingContext r ? r : null;
        var identity = QuarkusSecurityIdentity.builder().setPrincipal(() -> "someone").addRole("coordinator")
                .addAttribute(RoutingContext.class.getName(), request).addAttribute("tenant-id", "Default").build();
        var kept = VerifiedTokens.withoutRequest(identity);
        assertNull(kept.getAttribute(RoutingContext.class.getName()));
        assertEquals("Default", kept.getAttribute("tenant-id"));
        assertEquals(identity.getRoles(), kept.getRoles());
        assertEquals("someone", kept.getPrincipal().getName());
    }
}
