package org.opennrtd.common.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.problem.ProblemDetails;

/**
 * Requests to the anonymous public view ({@value #PUBLIC_PREFIX}...) are limited per client address with a token
 * bucket: {@code burst} requests at once, refilled at {@code requests-per-minute}. Past it the answer is 429 with a
 * problem document and {@code Retry-After}, before authentication, database or resource. Other paths are not
 * limited here (they need a token).
 * <p>
 * Memory is bounded: at most {@code max-clients} buckets are kept (the least recently used go first, and a bucket
 * unused for a minute is full again, so it is dropped). The client address is the connection's peer; it is the
 * address of a {@code Forwarded} / {@code X-Forwarded-For} header only when Quarkus proxy forwarding is enabled
 * ({@code quarkus.http.proxy.proxy-address-forwarding=true}, with {@code quarkus.http.proxy.trusted-proxies}),
 * since Quarkus then gives that address as the request's remote address. Without it, everyone behind one proxy
 * shares a bucket; with it and no trusted-proxies list, a client can choose its own address.
 */
@ApplicationScoped
public class PublicRateLimit {

    public static final String PUBLIC_PREFIX = "/api/v1/public/";

    /** Below {@link RequestTargetLimit} (an over-long target still gets its 414), above authentication. */
    static final int PRIORITY = RequestTargetLimit.PRIORITY - 100;

    @ConfigProperty(name = "opennrtd.public.rate-limit.requests-per-minute", defaultValue = "120")
    int perMinute;

    @ConfigProperty(name = "opennrtd.public.rate-limit.burst", defaultValue = "60")
    int burst;

    @ConfigProperty(name = "opennrtd.public.rate-limit.max-clients", defaultValue = "10000")
    long maxClients;

    private Cache<String, Bucket> buckets;

    @PostConstruct
    void init() {
        buckets = Caffeine.newBuilder().maximumSize(maxClients)
                .expireAfterAccess(Duration.ofMillis(Math.max(60_000L, refillMillis(burst)))).build();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String path = rc.request().path();
        if (path == null || !path.startsWith(PUBLIC_PREFIX) || perMinute <= 0) {
            rc.next();
            return;
        }
        long waitMillis = buckets.get(client(rc), k -> new Bucket(burst)).take(System.nanoTime(), burst, perMinute);
        if (waitMillis == 0) {
            rc.next();
            return;
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        JsonObject problem = new JsonObject()
                .put("type", ProblemDetails.TYPE_BASE + "too-many-requests")
                .put("title", "Too many requests")
                .put("status", 429)
                .put("detail", "This address sent more than " + perMinute + " requests a minute (" + burst
                        + " at once) to the public view; try again in " + seconds + " s.");
        rc.response().setStatusCode(429)
                .putHeader("Content-Type", ProblemDetails.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(seconds))
                .end(problem.encode());
    }

    /** The remote address as Quarkus gives it: the peer, or the forwarded client when proxy forwarding is on. */
    static String client(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private long refillMillis(int tokens) {
        return perMinute <= 0 ? 0 : tokens * 60_000L / perMinute;
    }

    /** A token bucket: {@code tokens} left at {@code updatedNanos}. */
    static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(int burst) {
            this.tokens = burst;
            this.updatedNanos = System.nanoTime();
        }

        /** Takes one token: 0 when there was one, else the milliseconds until there will be. */
        synchronized long take(long nowNanos, int burst, int perMinute) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(burst, tokens + (nowNanos - updatedNanos) * perNano);
            updatedNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
        }
    }
}
