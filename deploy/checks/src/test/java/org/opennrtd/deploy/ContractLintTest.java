package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service contract is clean under Spectral's {@code spectral:oas} rules (api-spec/.spectral.yaml): no error,
 * warning, information or hint, so that the clients integrators generate from it get every operation described and
 * nothing the tools would drop. Spectral is the version pinned in api-spec/lint (package.json, package-lock.json),
 * installed there with {@code npm ci} when it is absent; Node.js 18.18 or later and npm must be on the PATH.
 */
class ContractLintTest {

    static final Path API_SPEC = ServiceConfig.ROOT.resolve("api-spec");
    static final Path LINT = API_SPEC.resolve("lint");
    static final Path SPECTRAL = LINT.resolve("node_modules/.bin/spectral");
    static final String[] SEVERITIES = {"error", "warning", "info", "hint"};
    static final String NEED_NODE = "The contract lint needs Node.js 18.18 or later and npm on the PATH"
            + " (Debian 12: apt-get install nodejs npm; .ci/run installs them where missing).";

    @BeforeAll
    static void spectralIsInstalled() throws Exception {
        Path npm = onPath("npm");
        if (npm == null) {
            fail("npm is not on the PATH. " + NEED_NODE);
        }
        Path node = onPath("node");
        if (node == null) {
            fail("node is not on the PATH. " + NEED_NODE);
        }
        String version = run(LINT, 60, node.toString(), "--version").output().trim();
        Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(version);
        assertTrue(m.lookingAt(), "cannot read the Node.js version from '" + version + "'");
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        boolean supported = (major == 18 && minor >= 18) || (major == 20 && minor >= 17) || major > 20;
        if (!supported) {
            fail("Node.js " + version + " is too old for Spectral 6.16 (^18.18 || >= 20.17). " + NEED_NODE);
        }
        if (!Files.isExecutable(SPECTRAL)) {
            // --ignore-scripts: the one install script in the tree is a usage-analytics ping; Spectral needs none.
            Result ci = run(LINT, 600, npm.toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            assertEquals(0, ci.exitCode(), "npm ci in " + LINT + " failed:\n" + ci.output());
            assertTrue(Files.isExecutable(SPECTRAL), "npm ci did not install " + SPECTRAL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recommendations", "indicators", "reporting"})
    void contractHasNoFindings(String service) throws Exception {
        Path contract = API_SPEC.resolve(service).resolve("v1/openapi.yaml");
        assertTrue(Files.exists(contract), "no contract at " + contract);
        Path report = Files.createTempFile("spectral-" + service, ".json");
        try {
            // Exit status 1 only says that findings exist; they are read from the report.
            Result lint = run(LINT, 300, SPECTRAL.toString(), "lint", "--ruleset", API_SPEC.resolve(".spectral.yaml").toString(),
                    "--format", "json", "--output", report.toString(), contract.toString());
            assertTrue(lint.exitCode() == 0 || lint.exitCode() == 1,
                    "spectral failed on " + contract + " (exit " + lint.exitCode() + "):\n" + lint.output());
            JsonNode results = new ObjectMapper().readTree(report.toFile());
            assertTrue(results != null && results.isArray(),
                    "spectral wrote no JSON list of results for " + contract + ":\n" + lint.output());
            List<String> findings = new ArrayList<>();
            for (JsonNode r : results) {
                int severity = r.path("severity").asInt(0);
                String source = r.path("source").asText(contract.toString());
                String file = ServiceConfig.ROOT.relativize(Path.of(source).toAbsolutePath().normalize()).toString();
                findings.add(file + ":" + (r.path("range").path("start").path("line").asInt() + 1) + " "
                        + (severity >= 0 && severity < SEVERITIES.length ? SEVERITIES[severity] : "severity " + severity)
                        + " " + r.path("code").asText() + " " + r.path("message").asText());
            }
            if (!findings.isEmpty()) {
                fail(findings.size() + " Spectral finding(s) in " + ServiceConfig.ROOT.relativize(contract)
                        + " (run by hand: see api-spec/README.md):\n  " + String.join("\n  ", findings));
            }
        } finally {
            Files.deleteIfExists(report);
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path directory, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("contract-lint", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("SCARF_ANALYTICS", "false");
            builder.environment().put("NO_UPDATE_NOTIFIER", "1");
            Process p = builder.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
