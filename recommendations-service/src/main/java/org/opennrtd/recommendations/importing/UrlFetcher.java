package org.opennrtd.recommendations.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.opennrtd.common.problem.ProblemException;

/**
 * Fetches an import file from an address an administrator allowed. Only http(s) addresses under a configured
 * prefix are fetched (never an arbitrary address a caller names, which would let callers probe the network),
 * redirects are not followed, and the body is cut off at the upload limit.
 */
public final class UrlFetcher {

    /** A fetched file in a temporary location, with the media type the server declared. */
    public record Fetched(Path file, long size, String contentType, String fileName) {
    }

    private final List<String> allowedPrefixes;
    private final long maxBytes;
    private final Duration timeout;
    private final HttpClient client;

    public UrlFetcher(List<String> allowedPrefixes, long maxBytes, Duration timeout) {
        this.allowedPrefixes = allowedPrefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    public Fetched fetch(URI url) {
        String address = url.toString();
        if (allowedPrefixes.isEmpty()) {
            throw ProblemException.forbidden("Importing from addresses is not enabled on this server"
                    + " (opennrtd.import.url.allowed-prefixes is empty).");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getUserInfo() != null
                || allowedPrefixes.stream().noneMatch(address::startsWith)) {
            throw ProblemException.invalidField("url", "is not under an address this server may fetch from ("
                    + String.join(", ", allowedPrefixes) + ")");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        Path file = null;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ProblemException.unprocessable("Fetching " + address + " answered HTTP " + response.statusCode()
                            + "; nothing was imported.", List.of());
                }
                file = Files.createTempFile("opennrtd-url-import", ".bin");
                long size = copy(body, file, address);
                String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
                String path = url.getPath() == null ? "" : url.getPath();
                return new Fetched(file, size, type, path.substring(path.lastIndexOf('/') + 1));
            }
        } catch (IOException e) {
            delete(file);
            throw ProblemException.unprocessable("Fetching " + address + " failed (" + (e.getMessage() == null
                    ? "no answer" : "connection or read error") + "); nothing was imported.", List.of());
        } catch (InterruptedException e) {
            delete(file);
            Thread.currentThread().interrupt();
            throw ProblemException.serviceUnavailable("Fetching " + address + " was interrupted.", 30);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private long copy(InputStream in, Path file, String address) throws IOException {
        long total = 0;
        byte[] buffer = new byte[65536];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new ProblemException(413, "upload-too-large", "Content too large", "The file at " + address
                            + " is larger than the " + maxBytes + " bytes an import takes.");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    public static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the OS cleans up what is left
            }
        }
    }
}
