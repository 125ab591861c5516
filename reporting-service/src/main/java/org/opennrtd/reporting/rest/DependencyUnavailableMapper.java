package org.opennrtd.reporting.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opennrtd.common.problem.ProblemMappers;
import org.opennrtd.reporting.service.DependencyUnavailableException;

/** The shared problem+json 503, plus the {@code Retry-After} header the contract promises. */
public class DependencyUnavailableMapper {

    @ServerExceptionMapper
    public Response unavailable(DependencyUnavailableException e, UriInfo uri) {
        Response problem = ProblemMappers.respond(e.status(), e.type(), e.title(), e.getMessage(), uri, null, List.of());
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
