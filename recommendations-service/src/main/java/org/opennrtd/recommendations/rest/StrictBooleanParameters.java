package org.opennrtd.recommendations.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemMappers;

/**
 * Boolean query and form parameters ({@code withdrawnFromUhri}, {@code complete}, ...) take {@code true} or
 * {@code false} only (in any case): JAX-RS would read any other word as false, so that {@code complete=yes} or
 * {@code withdrawnFromUhri=maybe} silently did something else than asked. Anything else is a 400 problem naming the
 * parameter, which is found in the request by its value (a converter is not told which parameter it converts).
 */
@Provider
public class StrictBooleanParameters implements ParamConverterProvider {

    /** A parameter that is not a boolean. */
    static final class NotABoolean extends WebApplicationException {
        final String value;

        NotABoolean(String value) {
            super("A boolean parameter is neither true nor false", 400);
            this.value = value;
        }
    }

    private static final ParamConverter<Boolean> STRICT = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if (value == null) {
                return null;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new NotABoolean(value);
            };
        }

        @Override
        public String toString(Boolean value) {
            return String.valueOf(value);
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Boolean.class || rawType == boolean.class ? (ParamConverter<T>) STRICT : null;
    }

    /** A 400 problem naming the parameter (more specific than the shared mapper of WebApplicationException). */
    @ServerExceptionMapper
    public Response notABoolean(NotABoolean e, UriInfo uri) {
        String name = name(e.value, uri);
        return ProblemMappers.respond(400, "invalid-request", "Invalid request", name + ": must be true or false, not '"
                + abbreviate(e.value) + "'.", uri, null, List.of(new FieldViolation(name, "must be true or false")));
    }

    /** The query or form parameter that has {@code value}. */
    private static String name(String value, UriInfo uri) {
        if (uri != null) {
            for (var p : uri.getQueryParameters().entrySet()) {
                if (p.getValue().contains(value)) {
                    return p.getKey();
                }
            }
        }
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        FormData form = request == null ? null : request.getFormData();
        if (form != null) {
            for (String name : form) {
                for (FormValue v : form.get(name)) {
                    if (!v.isFileItem() && value.equals(v.getValue())) {
                        return name;
                    }
                }
            }
        }
        return "parameter";
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
