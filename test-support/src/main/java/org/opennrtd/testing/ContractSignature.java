package org.opennrtd.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparable signature of an OpenAPI document: one line per fact a client generator relies on (operations,
 * parameters, bodies, response codes, media types, headers, roles, security, version). Two documents that agree
 * line for line are the same contract, whatever their layout or whether their components are inlined.
 */
public final class ContractSignature {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    public static final String ROLES_EXTENSION = "x-jakarta-roles-allowed";

    /** Marks an anonymous operation of the public view (with {@code security: []}); see ContractAssertions. */
    public static final String PERMIT_ALL_EXTENSION = "x-jakarta-permit-all";

    private ContractSignature() {
    }

    public static OpenAPI parseFile(Path file) {
        return check(new OpenAPIV3Parser().readLocation(file.toAbsolutePath().toUri().toString(), null, options()), file.toString());
    }

    public static OpenAPI parseContent(String document) {
        return check(new OpenAPIV3Parser().readContents(document, null, options()), "served document");
    }

    /** Operations only: {@code GET /api/v1/things}, for comparing what the code exposes with the contract. */
    public static SortedSet<String> endpoints(OpenAPI api) {
        SortedSet<String> lines = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> lines.add(method + " " + path)));
        return lines;
    }

    /** Operations with their parameters by name and place, which a code scan can see too. */
    public static SortedSet<String> endpointsWithParameters(OpenAPI api) {
        SortedSet<String> lines = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String key = method + " " + path;
            lines.add(key);
            for (Parameter p : parameters(item, op)) {
                lines.add(key + " parameter " + p.getIn() + ":" + p.getName());
            }
        }));
        return lines;
    }

    public static SortedSet<String> of(OpenAPI api) {
        SortedSet<String> lines = new TreeSet<>();
        lines.add("openapi " + api.getOpenapi());
        lines.add("info.version " + api.getInfo().getVersion());
        lines.add("info.title " + api.getInfo().getTitle());
        lines.add("security " + security(api.getSecurity()));
        if (api.getComponents() != null && api.getComponents().getSecuritySchemes() != null) {
            api.getComponents().getSecuritySchemes().forEach((name, scheme) ->
                    lines.add("securityScheme " + name + " " + scheme.getType() + " " + scheme.getScheme()));
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String key = method + " " + path;
            lines.add(key + " operationId " + op.getOperationId());
            lines.add(key + " roles " + roles(op));
            lines.add(key + " security " + security(op.getSecurity()));
            lines.add(key + " permitAll " + permitsAll(op));
            for (Parameter p : parameters(item, op)) {
                lines.add(key + " parameter " + p.getIn() + ":" + p.getName() + " required=" + Boolean.TRUE.equals(p.getRequired())
                        + " schema=" + canonical(p.getSchema()));
            }
            if (op.getRequestBody() != null) {
                lines.add(key + " body required=" + Boolean.TRUE.equals(op.getRequestBody().getRequired()));
                content(op.getRequestBody().getContent()).forEach((media, schema) ->
                        lines.add(key + " body " + media + " " + schema));
            }
            if (op.getResponses() != null) {
                op.getResponses().forEach((code, response) -> {
                    lines.add(key + " response " + code);
                    responseLines(key + " response " + code, response, lines);
                });
            }
        }));
        return lines;
    }

    /** Whether an operation declares itself anonymous ({@link #PERMIT_ALL_EXTENSION}: true). */
    public static boolean permitsAll(Operation op) {
        return op.getExtensions() != null && Boolean.TRUE.equals(op.getExtensions().get(PERMIT_ALL_EXTENSION));
    }

    /** The roles an operation declares, sorted; empty when it declares none. */
    public static List<String> roles(Operation op) {
        Object value = op.getExtensions() == null ? null : op.getExtensions().get(ROLES_EXTENSION);
        List<String> roles = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        }
        roles.sort(null);
        return roles;
    }

    private static void responseLines(String key, ApiResponse response, SortedSet<String> lines) {
        if (response.getHeaders() != null) {
            response.getHeaders().keySet().forEach(h -> lines.add(key + " header " + h));
        }
        content(response.getContent()).forEach((media, schema) -> lines.add(key + " " + media + " " + schema));
    }

    private static Map<String, String> content(Content content) {
        Map<String, String> out = new TreeMap<>();
        if (content != null) {
            content.forEach((media, type) -> out.put(media, canonical(type.getSchema())));
        }
        return out;
    }

    private static List<Parameter> parameters(PathItem item, Operation op) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all;
    }

    private static String security(List<SecurityRequirement> requirements) {
        return requirements == null ? "inherited" : requirements.toString().replaceAll("\\s+", " ");
    }

    @SuppressWarnings("rawtypes")
    private static String canonical(Schema schema) {
        if (schema == null) {
            return "none";
        }
        try {
            Object tree = Json.mapper().convertValue(schema, Object.class);
            return Integer.toHexString(Objects.hashCode(CANONICAL.writeValueAsString(strip(tree))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Descriptions and examples do not change the contract a client is generated from. */
    @SuppressWarnings("unchecked")
    private static Object strip(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (!k.equals("description") && !k.equals("example") && !k.equals("title") && !k.equals("exampleSetFlag")) {
                    copy.put(k, strip(v));
                }
            });
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(strip(v)));
            return copy;
        }
        return node;
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return options;
    }

    private static OpenAPI check(SwaggerParseResult result, String what) {
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("Cannot parse " + what + ": " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
