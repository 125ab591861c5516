package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where {@code kubectl} is installed, the overlays rendered by {@link Kustomize} equal what {@code kubectl kustomize}
 * renders, so the other checks look at what a cluster would receive.
 */
class KustomizeRenderingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theCheckRendersAsKubectlDoes(String overlay) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl is not installed here");
        Path dir = KubernetesManifestsTest.K8S.resolve("overlays").resolve(overlay);
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubectl kustomize is not usable here");
        List<Map<String, Object>> expected = sorted(Kustomize.readAll(out));
        List<Map<String, Object>> actual = sorted(Kustomize.render(dir));
        String kubectlView = Kustomize.YAML.writeValueAsString(expected);
        String ourView = Kustomize.YAML.writeValueAsString(actual);
        if (!kubectlView.equals(ourView)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", overlay + "-kubectl.yaml"), kubectlView);
            Files.writeString(Path.of("target", overlay + "-rendered.yaml"), ourView);
        }
        assertEquals(kubectlView, ourView, "see target/" + overlay + "-kubectl.yaml and target/" + overlay + "-rendered.yaml");
        Files.delete(out);
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> docs) throws IOException {
        // Key order differs (kubectl sorts keys); compare the documents as sorted trees.
        return docs.stream().map(d -> Kustomize.YAML.convertValue(canonical(d), Map.class))
                .map(m -> (Map<String, Object>) m)
                .sorted(Comparator.comparing((Map<String, Object> d) -> (String) d.get("kind"))
                        .thenComparing(Kustomize::name))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object node) {
        if (node instanceof Map<?, ?> m) {
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            m.forEach((k, v) -> sorted.put((String) k, canonical(v)));
            return sorted;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(KustomizeRenderingTest::canonical).toList();
        }
        return node;
    }
}
