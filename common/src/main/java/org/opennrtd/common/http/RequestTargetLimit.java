package org.opennrtd.common.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.problem.ProblemDetails;

/**
 * A request target (path and query) longer than the API's limit gets a 414 problem document before anything else
 * runs: no authentication, no database, no resource. Vert.x itself refuses a request line longer than
 * {@code quarkus.http.limits.max-initial-line-length} with an empty 414 before any route runs, so that limit is set
 * well above this one (64 KiB in the shared defaults): up to it the caller gets a problem document that says what
 * to do; past it, Vert.x's empty 414 remains.
 */
@ApplicationScoped
public class RequestTargetLimit {

    /** Above every filter of Quarkus and of the extensions (authentication, CORS); below {@link ResponseHeaderPolicy}. */
    static final int PRIORITY = 1_000_000;

    @ConfigProperty(name = "opennrtd.http.max-request-target-length", defaultValue = "8192")
    int maxLength;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String target = rc.request().uri();
        if (target == null || target.length() <= maxLength) {
            rc.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", ProblemDetails.TYPE_BASE + "uri-too-long")
                .put("title", "URI Too Long")
                .put("status", 414)
                .put("detail", "The request's path and query are " + target.length() + " characters long; this API"
                        + " accepts at most " + maxLength + ". Send fewer or shorter query parameters.");
        rc.response().setStatusCode(414)
                .putHeader("Content-Type", ProblemDetails.MEDIA_TYPE)
                .end(problem.encode());
    }
}
