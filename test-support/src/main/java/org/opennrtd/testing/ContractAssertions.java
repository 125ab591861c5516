package org.opennrtd.testing;

import static io.restassured.RestAssured.given;

import io.swagger.v3.oas.models.OpenAPI;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The three checks that keep a service and its api-spec file one contract: what it serves at /q/openapi, what
 * its code exposes, and the roles each operation allows.
 */
public final class ContractAssertions {

    /** The only paths whose operations may be anonymous (read-only, {@code @PermitAll}). */
    public static final String PUBLIC_PREFIX = "/api/v1/public/";

    private ContractAssertions() {
    }

    /** The api-spec file of a service, found from the module's folder (the test's working directory). */
    public static java.nio.file.Path specFile(String service) {
        java.nio.file.Path file = java.nio.file.Path.of("..", "api-spec", service, "v1", "openapi.yaml").normalize();
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalStateException("No contract at " + file.toAbsolutePath());
        }
        return file;
    }

    /** Fails when the document served at /q/openapi differs from the file in anything a client relies on. */
    public static void assertServedDocumentMatches(java.nio.file.Path specFile) {
        String served = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        assertSameLines("served /q/openapi", ContractSignature.of(ContractSignature.parseContent(served)),
                specFile.toString(), ContractSignature.of(ContractSignature.parseFile(specFile)));
    }

    /**
     * Fails when the endpoints that the code defines (as a code scan sees them, served under a profile that
     * ignores the static file) differ from the contract's.
     */
    public static void assertCodeMatches(java.nio.file.Path specFile) {
        String scanned = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        OpenAPI code = ContractSignature.parseContent(scanned);
        OpenAPI contract = ContractSignature.parseFile(specFile);
        assertSameLines("endpoints in the code", ContractSignature.endpointsWithParameters(code),
                specFile.toString(), ContractSignature.endpointsWithParameters(contract));
    }

    /**
     * Fails unless every contract operation under /api declares roles, each is implemented by one of the given
     * resource classes, and the {@code @RolesAllowed} in force on that method equals the declared roles. The one
     * exception: a GET under {@link #PUBLIC_PREFIX} declares {@code security: []} and
     * {@code x-jakarta-permit-all: true} instead, and its method must carry {@code @PermitAll}; anything else
     * under that prefix, and any anonymous operation elsewhere, fails.
     */
    public static void assertRolesMatch(java.nio.file.Path specFile, Class<?>... resources) {
        OpenAPI contract = ContractSignature.parseFile(specFile);
        SortedSet<String> declared = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<String> roles = ContractSignature.roles(op);
            if (ContractSignature.permitsAll(op)) {
                // Anonymous operations: only GETs of the public view, with no security requirement and no roles;
                // the implementing method must carry @PermitAll.
                if (!path.startsWith(PUBLIC_PREFIX) || !"GET".equals(method.name())) {
                    throw new AssertionError(method + " " + path + " is anonymous outside the read-only public view "
                            + PUBLIC_PREFIX);
                }
                if (op.getSecurity() == null || !op.getSecurity().isEmpty() || !roles.isEmpty()) {
                    throw new AssertionError(method + " " + path + " declares " + ContractSignature.PERMIT_ALL_EXTENSION
                            + " but not 'security: []' without " + ContractSignature.ROLES_EXTENSION);
                }
                declared.add(method + " " + path + " [@PermitAll]");
                return;
            }
            if (path.startsWith(PUBLIC_PREFIX)) {
                throw new AssertionError(method + " " + path + " is under " + PUBLIC_PREFIX + " but not "
                        + ContractSignature.PERMIT_ALL_EXTENSION);
            }
            if (path.startsWith("/api/") && roles.isEmpty()) {
                throw new AssertionError(method + " " + path + " declares no " + ContractSignature.ROLES_EXTENSION);
            }
            declared.add(method + " " + path + " " + roles);
        }));
        SortedSet<String> enforced = new TreeSet<>();
        for (Class<?> resource : resources) {
            enforced.addAll(enforcedRoles(resource).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
        }
        assertSameLines("@RolesAllowed in force", enforced, specFile + " " + ContractSignature.ROLES_EXTENSION, declared);
    }

    /**
     * Every {@code *Resource} class compiled into the package of {@code anchor} (read from the module's
     * target/classes), so that a new resource cannot be left out of {@link #assertRolesMatch}.
     */
    public static Class<?>[] resourcesBeside(Class<?> anchor) {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "classes").resolve(anchor.getPackageName().replace('.', '/'));
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Resource.class") && !n.contains("$")).sorted().toList();
            List<Class<?>> classes = new java.util.ArrayList<>();
            for (String name : names) {
                classes.add(Class.forName(anchor.getPackageName() + "." + name.substring(0, name.length() - 6), false,
                        anchor.getClassLoader()));
            }
            if (classes.isEmpty()) {
                throw new AssertionError("no resource classes in " + dir.toAbsolutePath());
            }
            return classes.toArray(Class<?>[]::new);
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot list the resources in " + dir.toAbsolutePath(), e);
        }
    }

    static Map<String, List<String>> enforcedRoles(Class<?> resource) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Method method : resource.getMethods()) {
            for (Class<?> type : allTypes(resource)) {
                Method declaredOn = find(type, method);
                if (declaredOn == null) {
                    continue;
                }
                String http = httpMethod(declaredOn);
                if (http == null) {
                    continue;
                }
                String path = join(type.getAnnotation(Path.class), declaredOn.getAnnotation(Path.class));
                out.put(http + " " + path, roles(resource, method, type, declaredOn));
                break;
            }
        }
        return out;
    }

    private static List<String> roles(Class<?> resource, Method implementation, Class<?> iface, Method declared) {
        Method own = find(resource, implementation);
        for (Annotation[] candidates : List.of(
                own == null ? new Annotation[0] : own.getAnnotations(),
                resource.getAnnotations(),
                declared.getAnnotations(),
                iface.getAnnotations())) {
            for (Annotation a : candidates) {
                if (a instanceof RolesAllowed r) {
                    List<String> roles = new ArrayList<>(Arrays.asList(r.value()));
                    roles.sort(null);
                    return roles;
                }
                if (a instanceof PermitAll) {
                    return List.of("@PermitAll");
                }
                if (a instanceof DenyAll) {
                    return List.of("@DenyAll");
                }
            }
        }
        return List.of();
    }

    private static List<Class<?>> allTypes(Class<?> type) {
        List<Class<?>> types = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            types.add(c);
            types.addAll(Arrays.asList(c.getInterfaces()));
        }
        return types;
    }

    private static Method find(Class<?> type, Method method) {
        try {
            return type.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String httpMethod(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (method.isAnnotationPresent(HEAD.class)) {
            return "HEAD";
        }
        return null;
    }

    private static String join(Path base, Path sub) {
        String a = base == null ? "" : base.value();
        String b = sub == null ? "" : sub.value();
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static void assertSameLines(String actualName, SortedSet<String> actual, String expectedName, SortedSet<String> expected) {
        SortedSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        SortedSet<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder(actualName + " differs from " + expectedName + ":\n");
            missing.forEach(l -> sb.append("  only in ").append(expectedName).append(": ").append(l).append('\n'));
            extra.forEach(l -> sb.append("  only in ").append(actualName).append(": ").append(l).append('\n'));
            throw new AssertionError(sb.toString());
        }
        if (expected.isEmpty()) {
            throw new AssertionError(expectedName + " has nothing to compare");
        }
    }
}
