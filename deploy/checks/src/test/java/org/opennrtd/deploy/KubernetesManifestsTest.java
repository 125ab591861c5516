package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.deploy.Kustomize.at;
import static org.opennrtd.deploy.Kustomize.containers;
import static org.opennrtd.deploy.Kustomize.map;
import static org.opennrtd.deploy.Kustomize.maps;
import static org.opennrtd.deploy.Kustomize.name;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests, rendered for each overlay, agree with the services they deploy: ports, probe paths,
 * images, the environment variables each service reads, where those variables point, the network rules that follow
 * from it, and the Ingress routes of every path of every contract. No Secret value is committed.
 */
class KubernetesManifestsTest {

    static final Path K8S = ServiceConfig.ROOT.resolve("deploy/k8s");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceRunsAsItsConfigurationSays(String overlay) throws IOException {
        List<Map<String, Object>> all = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, Object> deployment = one(all, "Deployment", service);
            Map<String, Object> container = single(containers(deployment));
            List<Map<String, Object>> ports = maps(container.get("ports"));
            assertEquals(List.of(Map.of("name", "http", "containerPort", config.port(), "protocol", "TCP"),
                    Map.of("name", "management", "containerPort", config.managementPort(), "protocol", "TCP")), ports, service);
            assertTrue(config.managementPort() != config.port(), service + ": the management port is a port of its own");
            String image = (String) container.get("image");
            assertEquals(config.image(), image.substring(0, image.lastIndexOf(':')), service + " image");
            assertFalse(image.endsWith(":latest"), service + " must not run a moving tag");
            assertEquals("/q/health/started", at(container, "startupProbe", "httpGet", "path"), service);
            assertEquals("/q/health/live", at(container, "livenessProbe", "httpGet", "path"), service);
            assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"), service);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                // Deployed, health is served on the management interface only: a probe of the API port gets 404.
                assertEquals("management", at(container, probe, "httpGet", "port"), service + " " + probe);
            }
            Map<String, Object> annotations = map(at(deployment, "spec", "template", "metadata", "annotations"));
            assertEquals(Integer.toString(config.managementPort()), annotations.get("prometheus.io/port"), service);
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), service);
            assertEquals(Boolean.TRUE, at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"), service);
            assertEquals(Boolean.FALSE, at(container, "securityContext", "allowPrivilegeEscalation"), service);
            for (String kind : List.of("requests", "limits")) {
                assertNotNull(at(container, "resources", kind, "cpu"), service + " cpu " + kind);
                assertNotNull(at(container, "resources", kind, "memory"), service + " memory " + kind);
            }

            Map<String, Object> svc = one(all, "Service", service);
            assertEquals(List.of(Map.of("name", "http", "port", config.port(), "targetPort", "http"),
                    Map.of("name", "management", "port", config.managementPort(), "targetPort", "management")),
                    at(svc, "spec", "ports"), service);
            assertEquals(Map.of("app.kubernetes.io/name", service), at(svc, "spec", "selector"), service);
            assertEquals(service, at(one(all, "HorizontalPodAutoscaler", service), "spec", "scaleTargetRef", "name"));
            assertEquals(Map.of("app.kubernetes.io/name", service),
                    at(one(all, "PodDisruptionBudget", service), "spec", "selector", "matchLabels"));

            Map<String, String> env = environment(all, container);
            for (String variable : env.keySet()) {
                assertTrue(config.environment().containsKey(variable) || variable.startsWith("QUARKUS_"),
                        service + " is given " + variable + ", which its configuration does not read");
            }
            config.environment().forEach((variable, fallback) -> {
                if (fallback == null || fallback.contains("localhost")) {
                    assertTrue(env.containsKey(variable), service + " needs " + variable + " (its default is "
                            + fallback + ")");
                }
            });
            for (Map<String, Object> e : maps(container.get("env"))) {
                String variable = (String) e.get("name");
                if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
                    assertNotNull(at(e, "valueFrom", "secretKeyRef"), service + " " + variable + " must come from a Secret");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkRulesFollowWhatEachServiceCalls(String overlay) throws IOException {
        List<Map<String, Object>> all = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        for (String service : ServiceConfig.SERVICES) {
            calls.put(service, new TreeSet<>());
        }
        for (String service : ServiceConfig.SERVICES) {
            Map<String, Object> container = single(containers(one(all, "Deployment", service)));
            Set<Map<String, Object>> expected = new HashSet<>();
            expected.add(Map.of("k8s-app", "kube-dns"));
            for (Map.Entry<String, String> e : environment(all, container).entrySet()) {
                String value = e.getValue();
                if (value == null || !value.matches("^(jdbc:postgresql|https?)://.*")) {
                    continue;
                }
                URI uri = URI.create(value.startsWith("jdbc:") ? value.substring(5) : value);
                String host = uri.getHost();
                if (host.contains(".")) {
                    continue; // a public address, such as the token issuer's, is a name, not a call inside the cluster
                }
                if (value.startsWith("jdbc:")) {
                    String cluster = host.replaceFirst("-rw$", "");
                    one(all, "Cluster", cluster);
                    expected.add(Map.of("cnpg.io/cluster", cluster));
                } else if (host.equals("keycloak-service")) {
                    one(all, "Keycloak", "keycloak");
                    expected.add(Map.of("app", "keycloak"));
                } else {
                    Map<String, Object> target = one(all, "Service", host);
                    assertEquals(uri.getPort(), at(maps(at(target, "spec", "ports")).get(0), "port"),
                            service + " " + e.getKey() + " names the wrong port");
                    expected.add(Map.of("app.kubernetes.io/name", host));
                    calls.get(host).add(service);
                }
            }
            Map<String, Object> policy = one(all, "NetworkPolicy", service);
            assertEquals(Map.of("app.kubernetes.io/name", service), at(policy, "spec", "podSelector", "matchLabels"));
            assertEquals(List.of("Ingress", "Egress"), at(policy, "spec", "policyTypes"));
            Set<Object> allowed = new HashSet<>();
            for (Map<String, Object> rule : maps(at(policy, "spec", "egress"))) {
                for (Map<String, Object> peer : maps(rule.get("to"))) {
                    if (peer.containsKey("podSelector")) {
                        allowed.add(at(peer, "podSelector", "matchLabels"));
                    }
                }
            }
            assertEquals(expected, allowed, service + ": the pods its NetworkPolicy lets it reach");
        }
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Set<String> from = new TreeSet<>();
            Set<Object> namespacesToApi = new HashSet<>();
            Set<Object> namespacesToManagement = new HashSet<>();
            for (Map<String, Object> rule : maps(at(one(all, "NetworkPolicy", service), "spec", "ingress"))) {
                Object ports = rule.get("ports");
                boolean api = List.of(Map.of("port", config.port(), "protocol", "TCP")).equals(ports);
                boolean management = List.of(Map.of("port", config.managementPort(), "protocol", "TCP")).equals(ports);
                assertTrue(api || management, service + ": a rule opens either the API port or the management port: " + ports);
                for (Map<String, Object> peer : maps(rule.get("from"))) {
                    Object labels = at(peer, "podSelector", "matchLabels", "app.kubernetes.io/name");
                    if (labels != null) {
                        assertTrue(api, service + ": " + labels + " may call the API, not the management port");
                        from.add((String) labels);
                    }
                    Object namespace = at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
                    if (namespace != null) {
                        (api ? namespacesToApi : namespacesToManagement).add(namespace);
                    }
                }
            }
            assertEquals(calls.get(service), from, service + ": the services its NetworkPolicy lets in");
            assertEquals(Set.of("ingress-nginx"), namespacesToApi, service + ": the namespaces let in to the API port");
            assertEquals(Set.of("monitoring"), namespacesToManagement,
                    service + ": the namespaces let in to the management port (Prometheus)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngressRoutesEveryPathOfEveryContractToItsService(String overlay) throws IOException {
        List<Map<String, Object>> all = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
        Map<String, Object> ingress = one(all, "Ingress", "opennrtd");
        Map<String, String> routes = new LinkedHashMap<>();
        for (Map<String, Object> rule : maps(at(ingress, "spec", "rules"))) {
            for (Map<String, Object> path : maps(at(rule, "http", "paths"))) {
                assertEquals("Prefix", path.get("pathType"));
                if (ServiceConfig.isService((String) at(path, "backend", "service", "name"))) {
                    // Health, metrics and the Swagger UI are the management port's, never public.
                    assertEquals(Map.of("name", "http"), at(path, "backend", "service", "port"),
                            path.get("path") + " must reach the API port of its service");
                }
                routes.put(rule.get("host") + (String) path.get("path"),
                        (String) at(path, "backend", "service", "name"));
            }
        }
        String apiHost = (String) maps(at(ingress, "spec", "rules")).get(0).get("host");
        for (String service : ServiceConfig.SERVICES) {
            String spec = service.replace("-service", "");
            Map<String, Object> contract = Kustomize.readOne(ServiceConfig.ROOT.resolve("api-spec").resolve(spec)
                    .resolve("v1/openapi.yaml"));
            for (String path : map(contract.get("paths")).keySet()) {
                String full = apiHost + path;
                String best = null;
                for (String prefix : routes.keySet()) {
                    if ((full.equals(prefix) || full.startsWith(prefix + "/"))
                            && (best == null || prefix.length() > best.length())) {
                        best = prefix;
                    }
                }
                assertNotNull(best, overlay + ": no route for " + path);
                assertEquals(service, routes.get(best), overlay + ": " + path + " is routed to the wrong service");
            }
        }
    }

    @Test
    void noSecretValueIsCommitted() throws IOException {
        for (String overlay : List.of("dev", "prod")) {
            for (Map<String, Object> r : Kustomize.render(K8S.resolve("overlays").resolve(overlay))) {
                assertFalse(r.get("kind").equals("Secret"), overlay + " must reference Secrets, not define them: " + name(r));
                if (r.get("kind").equals("KeycloakRealmImport")) {
                    Map<String, Object> realm = map(at(r, "spec", "realm"));
                    for (Map<String, Object> client : maps(realm.get("clients"))) {
                        Object secret = client.get("secret");
                        assertTrue(secret == null || ((String) secret).matches("\\$\\{[A-Z_]+}"),
                                "client " + client.get("clientId") + " carries a secret value");
                    }
                    for (Map<String, Object> user : maps(realm.get("users"))) {
                        assertTrue(((String) user.get("username")).startsWith("service-account-"),
                                "the realm import must not create people: " + user.get("username"));
                        assertTrue(maps(user.get("credentials")).isEmpty(), "credentials for " + user.get("username"));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertFalse(text.contains("-demo-secret"), file + " holds a demo secret");
                assertFalse(text.matches("(?s).*\\bkind:\\s*Secret\\b.*"), file + " defines a Secret");
            }
        }
    }

    @Test
    void theRealmImportAgreesWithTheRealmFile() throws IOException {
        Map<String, Object> realmFile = Kustomize.YAML.readValue(ServiceConfig.ROOT.resolve(
                "deploy/keycloak/opennrtd-realm.json").toFile(), Map.class);
        Map<String, Object> imported = map(at(Kustomize.readAll(K8S.resolve("base/keycloak-realm-import.yaml")).get(0),
                "spec", "realm"));
        assertEquals(realmFile.get("realm"), imported.get("realm"));
        assertEquals(realmFile.get("roles"), imported.get("roles"));
        assertEquals(realmFile.get("clientScopes"), imported.get("clientScopes"));
        List<Map<String, Object>> expectedClients = new ArrayList<>();
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            if (!client.get("clientId").equals("opennrtd-cli")) {
                Map<String, Object> copy = new LinkedHashMap<>(client);
                copy.remove("secret");
                expectedClients.add(copy);
            }
        }
        List<Map<String, Object>> importedClients = new ArrayList<>();
        for (Map<String, Object> client : maps(imported.get("clients"))) {
            Map<String, Object> copy = new LinkedHashMap<>(client);
            copy.remove("secret");
            importedClients.add(copy);
        }
        assertEquals(expectedClients, importedClients);
        Map<String, Object> placeholders = map(at(Kustomize.readAll(K8S.resolve("base/keycloak-realm-import.yaml")).get(0),
                "spec", "placeholders"));
        for (Map<String, Object> client : maps(imported.get("clients"))) {
            if (client.get("secret") instanceof String secret) {
                String placeholder = secret.substring(2, secret.length() - 1);
                assertEquals(client.get("clientId"), at(placeholders, placeholder, "secret", "key"));
            }
        }
    }

    /** A container's environment, with ConfigMap references resolved; Secret references map to null. */
    static Map<String, String> environment(List<Map<String, Object>> all, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> e : maps(container.get("env"))) {
            String variable = (String) e.get("name");
            if (e.containsKey("value")) {
                env.put(variable, (String) e.get("value"));
            } else if (at(e, "valueFrom", "configMapKeyRef") != null) {
                Map<String, Object> configMap = one(all, "ConfigMap", (String) at(e, "valueFrom", "configMapKeyRef", "name"));
                String key = (String) at(e, "valueFrom", "configMapKeyRef", "key");
                assertTrue(map(configMap.get("data")).containsKey(key), "ConfigMap key " + key);
                env.put(variable, (String) map(configMap.get("data")).get(key));
            } else {
                assertNotNull(at(e, "valueFrom", "secretKeyRef"), variable);
                env.put(variable, null);
            }
        }
        return env;
    }

    static Map<String, Object> one(List<Map<String, Object>> all, String kind, String name) {
        List<Map<String, Object>> found = all.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(name(r))).toList();
        assertEquals(1, found.size(), "one " + kind + " named " + name);
        return found.get(0);
    }

    static <T> T single(List<T> items) {
        assertEquals(1, items.size());
        return items.get(0);
    }
}
