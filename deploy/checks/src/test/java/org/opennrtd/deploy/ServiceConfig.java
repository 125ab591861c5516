package org.opennrtd.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own configuration says about how it is deployed: its HTTP port, its management port (health,
 * metrics and the Swagger UI when deployed; the default of {@code ${MANAGEMENT_PORT:...}}), its image, and the environment
 * variables it reads (each {@code ${NAME}} or {@code ${NAME:default}} in its application.properties or in the
 * defaults every service shares), with their defaults.
 */
record ServiceConfig(String name, int port, int managementPort, String image, Map<String, String> environment) {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final String[] SERVICES = {"recommendations-service", "indicators-service", "reporting-service"};
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    static ServiceConfig of(String service) throws IOException {
        Path own = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        Path shared = ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties");
        Properties props = load(shared);
        props.putAll(load(own));
        Map<String, String> env = new LinkedHashMap<>();
        for (Path file : new Path[] {shared, own}) {
            Matcher m = VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                env.put(m.group(1), m.group(2));
            }
        }
        String group = props.getProperty("quarkus.container-image.group");
        String imageName = props.getProperty("quarkus.container-image.name", props.getProperty("quarkus.application.name"));
        return new ServiceConfig(service, Integer.parseInt(props.getProperty("quarkus.http.port")),
                Integer.parseInt(withDefault(props.getProperty("quarkus.management.port"))), group + "/" + imageName, env);
    }

    static boolean isService(String name) {
        return java.util.Arrays.asList(SERVICES).contains(name);
    }

    /** A value, or the default of its {@code ${NAME:default}}. */
    static String withDefault(String value) {
        Matcher m = VARIABLE.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
