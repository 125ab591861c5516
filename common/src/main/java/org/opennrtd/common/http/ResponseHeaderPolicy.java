package org.opennrtd.common.http;

import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Two headers on every answer of the service, on the API port and on the management port, whoever writes the
 * answer (a resource, a problem mapper, the contract document, a static file, Vert.x's own 404, the 414 of
 * {@link RequestTargetLimit}):
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}, so that no browser reads a JSON or CSV answer as HTML or script;</li>
 *   <li>{@code Cache-Control: no-store} unless the answer says how it may be cached itself (the country status,
 *   a stored report's content): answers carry a caller's data, and no shared cache may keep them.</li>
 * </ul>
 * A Vert.x filter, not a JAX-RS response filter, because a JAX-RS filter never sees answers written outside
 * JAX-RS; the {@code Cache-Control} default is decided when the headers are written, so that a resource's own
 * value, set later in the request, wins.
 */
@ApplicationScoped
public class ResponseHeaderPolicy {

    public static final String NOSNIFF = "nosniff";
    public static final String NO_STORE = "no-store";
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String CACHE_CONTROL = "Cache-Control";

    /** Above every other filter (authentication included), and above {@link RequestTargetLimit}. */
    static final int PRIORITY = RequestTargetLimit.PRIORITY + 100;

    void onApiRouter(@Observes Filters filters) {
        filters.register(ResponseHeaderPolicy::apply, PRIORITY);
    }

    /** Fired only when the management interface is enabled: health and metrics get the same headers. */
    void onManagementRouter(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE + 10).handler(ResponseHeaderPolicy::apply);
    }

    static void apply(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        rc.addHeadersEndHandler(ignored -> {
            if (!headers.contains(CACHE_CONTROL)) {
                headers.set(CACHE_CONTROL, NO_STORE);
            }
        });
        rc.next();
    }
}
