package org.opennrtd.common.text;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The rule of {@link ControlCharacters} for what a request carries outside its body: query and path parameters (their
 * decoded values and names) and headers. A refusal is a 400 naming the parameter ({@code q}) or header
 * ({@code header If-Match}), before any resource method reads it.
 */
public class ControlCharacterFilter {

    @ServerRequestFilter
    public void refuseControlCharacters(ContainerRequestContext request) {
        check(request.getUriInfo().getPathParameters(true), "");
        check(request.getUriInfo().getQueryParameters(true), "");
        check(request.getHeaders(), "header ");
    }

    private static void check(MultivaluedMap<String, String> values, String prefix) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String name = e.getKey();
            if (ControlCharacters.refused(name)) {
                throw ControlCharacters.refusal(prefix + ControlCharacters.visible(name), name);
            }
            for (String value : e.getValue()) {
                if (ControlCharacters.refused(value)) {
                    throw ControlCharacters.refusal(prefix + name, value);
                }
            }
        }
    }
}
