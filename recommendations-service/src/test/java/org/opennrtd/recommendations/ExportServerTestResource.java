package org.opennrtd.recommendations;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP server on the loopback address standing in for a UHRI-compatible export endpoint, so that imports
 * from an address and the scheduled pull fetch over real HTTP.
 */
public class ExportServerTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ISL_ID = "5c1c1c1c-0000-4000-8000-0000000015a1";
    static final String ISL_SCHEDULED_ID = "5c1c1c1c-0000-4000-8000-0000000015a2";

    private HttpServer server;

    static String csv(String id, String text) {
        return ImportFiles.csv(',', List.of(ImportFiles.UHRI_HEADER, List.of(text, "Iceland", "UPR", "A/HRC/49/7",
                "- Women's rights", "- Women", "- 5.1 - End discrimination", "2022-01-10", "- Norway", "Supported",
                "Recommendation", id, "40", "- Europe")));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serve("/uhri/export.csv", 200, "text/csv", csv(ISL_ID, "Adopt a gender equality action plan").getBytes(StandardCharsets.UTF_8));
        serve("/uhri/scheduled.csv", 200, "text/csv",
                csv(ISL_SCHEDULED_ID, "Strengthen the equality ombudsman").getBytes(StandardCharsets.UTF_8));
        serve("/uhri/too-big.csv", 200, "text/csv", new byte[2_100_000]);
        server.createContext("/uhri/moved.csv", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "opennrtd.import.url.allowed-prefixes", base + "/uhri/",
                "opennrtd.import.scheduled-pull.url", base + "/uhri/scheduled.csv",
                "opennrtd.import.scheduled-pull.country", "ISL",
                "export-server.base", base);
    }

    private void serve(String path, int status, String type, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
