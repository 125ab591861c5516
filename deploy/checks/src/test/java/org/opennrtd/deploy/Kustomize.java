package org.opennrtd.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features the OpenNRTD manifests use:
 * {@code resources} (files and directories), {@code namespace}, {@code labels} (metadata only), {@code images}
 * (newName, newTag) and {@code patches} given by {@code path}, optionally with a {@code target} kind and name,
 * applied as strategic merge patches (maps merge, lists of named items merge by name, other lists replace). A feature
 * it does not know fails the rendering, so the manifests cannot drift beyond what this check understands.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> k = readOne(dir.resolve("kustomization.yaml"));
        for (String key : k.keySet()) {
            if (!List.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches").contains(key)) {
                throw new IllegalStateException("kustomization field not understood by this check: " + key + " in " + dir);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String resource : strings(k.get("resources"))) {
            Path p = dir.resolve(resource).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else {
                out.addAll(readAll(p));
            }
        }
        for (Map<String, Object> patchSpec : maps(k.get("patches"))) {
            Map<String, Object> patch = readOne(dir.resolve((String) patchSpec.get("path")));
            Map<String, Object> target = map(patchSpec.get("target"));
            String kind = target.isEmpty() ? (String) patch.get("kind") : (String) target.get("kind");
            String name = target.isEmpty() ? name(patch) : (String) target.get("name");
            int applied = 0;
            for (Map<String, Object> r : out) {
                if (r.get("kind").equals(kind) && (name == null || name.equals(name(r)))) {
                    Map<String, Object> body = new LinkedHashMap<>(patch);
                    body.remove("apiVersion");
                    body.remove("kind");
                    body.remove("metadata");
                    merge(r, body);
                    Map<String, Object> meta = map(patch.get("metadata"));
                    if (meta.containsKey("labels")) {
                        merge(map(r.get("metadata")), Map.of("labels", meta.get("labels")));
                    }
                    applied++;
                }
            }
            if (applied == 0) {
                throw new IllegalStateException("patch " + patchSpec + " in " + dir + " matches no resource");
            }
        }
        for (Map<String, Object> image : maps(k.get("images"))) {
            for (Map<String, Object> r : out) {
                for (Map<String, Object> c : containers(r)) {
                    String ref = (String) c.get("image");
                    String repo = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
                    if (repo.equals(image.get("name"))) {
                        String newRepo = image.containsKey("newName") ? (String) image.get("newName") : repo;
                        String tag = image.containsKey("newTag") ? (String) image.get("newTag")
                                : ref.substring(ref.lastIndexOf(':') + 1);
                        c.put("image", newRepo + ":" + tag);
                    }
                }
            }
        }
        for (Map<String, Object> label : maps(k.get("labels"))) {
            for (Map<String, Object> r : out) {
                merge(map(r.get("metadata")), Map.of("labels", label.get("pairs")));
            }
        }
        if (k.containsKey("namespace")) {
            for (Map<String, Object> r : out) {
                map(r.get("metadata")).put("namespace", k.get("namespace"));
            }
        }
        return out;
    }

    static List<Map<String, Object>> readAll(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static Map<String, Object> readOne(Path file) throws IOException {
        List<Map<String, Object>> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, not one");
        }
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object current = into.get(e.getKey());
            Object value = e.getValue();
            if (current instanceof Map && value instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (current instanceof List<?> cl && value instanceof List<?> vl && named(cl) && named(vl)) {
                for (Object item : vl) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    Map<String, Object> existing = ((List<Map<String, Object>>) cl).stream()
                            .filter(m -> m.get("name").equals(patchItem.get("name"))).findFirst().orElse(null);
                    if (existing == null) {
                        ((List<Object>) cl).add(deepCopy(patchItem));
                    } else {
                        merge(existing, patchItem);
                    }
                }
            } else {
                into.put(e.getKey(), deepCopy(value));
            }
        }
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    private static Object deepCopy(Object value) {
        return YAML.convertValue(value, Object.class);
    }

    static String name(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        Object spec = at(resource, "spec", "template", "spec", "containers");
        return spec instanceof List ? (List<Map<String, Object>>) spec : List.of();
    }

    /** The value at a path of map keys, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
