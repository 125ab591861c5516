package org.opennrtd.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response: the caller sees a type,
 * a title, a status and a detail it can act on, and never a stack trace or a class name. Unexpected failures
 * are logged with an error id that the response quotes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response r = respond(e.status(), e.type(), e.title(), e.getMessage(), uri, null, e.violations());
        if (e.retryAfterSeconds() != null) {
            r = Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
        }
        return r;
    }

    /** A validation setup error (not a caller's invalid value): a server error, answered without its details. */
    @ServerExceptionMapper
    public Response validationSetup(jakarta.validation.ValidationException e, UriInfo uri) {
        if (e instanceof ConstraintViolationException violation) {
            return constraintViolation(violation, uri);
        }
        return internalError(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (returnValue) {
            return internalError(e, uri);
        }
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        return respond(400, "invalid-request", "Invalid request", detail, uri, null, violations);
    }

    /** Listed one by one: Quarkus ships mappers for some of these subtypes, and the most specific mapper wins. */
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, com.fasterxml.jackson.databind.exc.ValueInstantiationException.class,
            com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class,
            com.fasterxml.jackson.databind.exc.InvalidNullException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        String message;
        if (e instanceof org.opennrtd.common.text.ControlCharacters.Refused refused) {
            // Well-formed JSON with a string that breaks the control-character rule: a field violation like any other.
            message = refused.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = field.isEmpty() ? String.valueOf(u.getPropertyName()) : field;
            message = "is not a known property";
        } else if (e instanceof InvalidFormatException f) {
            message = "cannot take the value " + abbreviate(String.valueOf(f.getValue()))
                    + " (expected " + describe(f.getTargetType()) + ")";
        } else if (e instanceof MismatchedInputException m) {
            message = "has the wrong JSON type (expected " + describe(m.getTargetType()) + ")";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v) {
            message = "cannot take this value (expected " + describe(v.getType() == null ? null : v.getType().getRawClass()) + ")";
        } else if (e instanceof JsonMappingException) {
            message = "has a value that cannot be read";
        } else {
            // A parse error: Jackson's own words name the token and position, never a class.
            message = "is not well-formed JSON: " + abbreviate(e.getOriginalMessage());
        }
        String target = field.isEmpty() ? "body" : "body." + field;
        return respond(400, "invalid-request", "Invalid request", "The request body " + (field.isEmpty() ? "" : "property " + field + " ") + message + ".",
                uri, null, List.of(new FieldViolation(target, message)));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response r = respond(401, "unauthorized", "Unauthorized",
                "This operation needs a valid bearer token from the OpenNRTD realm.", uri, null, List.of());
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper(AuthenticationRedirectException.class)
    public Response redirect(AuthenticationRedirectException e, UriInfo uri) {
        return unauthorized(e, uri);
    }

    /** Tokens cannot be checked while the identity provider is unreachable: a retryable 503, not a 500. */
    @ServerExceptionMapper
    public Response identityProviderDown(io.quarkus.oidc.OIDCException e, UriInfo uri) {
        LOG.warnf("Identity provider unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
        return respond(503, "identity-provider-unavailable", "Service unavailable",
                "The identity provider cannot be reached to check the token; try again shortly.", uri, null, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden",
                "The caller's roles do not allow this operation.", uri, null, List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (status == 404 && e.getCause() != null) {
            // JAX-RS answers a query or path parameter that cannot be converted with 404; it is a bad request.
            status = 400;
        }
        if (status >= 500) {
            return internalError(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This address does not accept the method used.";
            case 406 -> "None of the accepted media types can be produced.";
            case 415 -> "The request body's media type is not accepted here.";
            case 400 -> "A parameter or the body could not be read: " + abbreviate(safeMessage(e));
            default -> title + ".";
        };
        Response r = respond(status, slug(title), title, detail, uri, null, List.of());
        if (e.getResponse() != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            r = Response.fromResponse(r).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return r;
    }

    /** Two writers raced on the same version: the loser must read again, as with a stale If-Match. */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public Response lostUpdate(RuntimeException e, UriInfo uri) {
        return respond(412, "stale-entity-tag", "Precondition failed",
                "Someone else changed this resource at the same time; read it again and retry.", uri, null, List.of());
    }

    /** A unique key taken by a concurrent writer between our check and our insert. */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if ("23505".equals(e.getSQLState())) {
            return respond(409, "conflict", "Conflict",
                    "Another record already has the same key.", uri, null, List.of());
        }
        return internalError(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof org.hibernate.StaleStateException) {
                return lostUpdate((RuntimeException) cause, uri);
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException c) {
                return constraint(c, uri);
            }
        }
        return internalError(e, uri);
    }

    /** The database is down, restarting or out of connections: the caller may retry. */
    private static Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
        Response r = respond(503, "database-unavailable", "Service unavailable",
                "The database cannot be reached just now. Try again in " + DatabaseUnavailable.RETRY_AFTER_SECONDS
                        + " seconds; a write cut off while it was being committed may have been applied, so read"
                        + " before writing again (a stale If-Match then answers 412).", uri, null, List.of());
        return Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
    }

    private static Response internalError(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(500, "internal-error", "Internal error",
                "The service failed to answer. Quote error id " + errorId + " when reporting it.", uri, errorId, List.of());
    }

    public static Response respond(int status, String type, String title, String detail, UriInfo uri,
            String errorId, List<FieldViolation> violations) {
        ProblemDetails body = new ProblemDetails(ProblemDetails.TYPE_BASE + type, title, status, detail,
                uri == null ? null : uri.getPath(), errorId, violations);
        return Response.status(status).type(ProblemDetails.MEDIA_TYPE).entity(body).build();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        boolean body = false;
        int index = 0;
        for (Path.Node node : v.getPropertyPath()) {
            if (index++ == 0 && node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && v.getLeafBean() != null
                    && v.getLeafBean() != v.getRootBean() && names.isEmpty()) {
                body = true;
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && !names.isEmpty()) {
                // "<list element>" of the previous property: name it by index, sdgTargets[0].
                String last = names.remove(names.size() - 1);
                names.add(node.getIndex() != null ? last + "[" + node.getIndex() + "]" : last);
                continue;
            }
            if (node.getName() != null) {
                names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        String joined = String.join(".", names);
        if (body) {
            return joined.isEmpty() ? "body" : "body." + joined;
        }
        return joined;
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(org.opennrtd.common.text.ControlCharacters.visible(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object c : constants) {
                names.add(c.toString());
            }
            return "one of " + String.join(", ", names);
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.getName().startsWith("java.time")) {
            return "an RFC 3339 date or date-time";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    private static String safeMessage(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "it does not have the expected form";
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
