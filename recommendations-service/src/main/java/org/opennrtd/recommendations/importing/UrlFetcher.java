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
import java.util.Optional;
import org.opennrtd.common.problem.ProblemException;

/**
 * Fetches an import file from an address an administrator allowed. Only http(s) addresses under a configured
 * prefix are fetched (never an arbitrary address a caller names, which would let callers probe the network),
 * redirects are not followed, and the body is cut off at the upload limit. A conditional fetch sends the validators
 * of the file fetched before and takes HTTP 304 for "unchanged".
 */
public final class UrlFetcher {

    /**
     * A fetched file in a temporary location, with the media type the server declared and the validators it sent
     * for the file (either may be null).
     */
    public record Fetched(Path file, long size, String contentType, String fileName, Validators validators) {
    }

    /** An {@code ETag} and a {@code Last-Modified} exactly as a server sent them; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);

        public boolean isEmpty() {
            return etag == null && lastModified == null;
        }
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

    /** Fetches the file at {@code url}; throws a 4xx problem (5xx if interrupted) when that fails. */
    public Fetched fetch(URI url) {
        return fetchIfChanged(url, Validators.NONE).orElseThrow();
    }

    /**
     * Fetches the file at {@code url} unless it is unchanged since the file {@code previous} describes: sends them as
     * {@code If-None-Match} and {@code If-Modified-Since} and answers empty on HTTP 304. Fails as {@link #fetch} does,
     * and on a 304 to a request that had no validators to send.
     */
    public Optional<Fetched> fetchIfChanged(URI url, Validators previous) {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        Path file = null;
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 304 && !previous.isEmpty()) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw ProblemException.unprocessable("Fetching " + address + " answered HTTP " + response.statusCode()
                            + "; nothing was imported.", List.of());
                }
                file = Files.createTempFile("opennrtd-url-import", ".bin");
                long size = copy(body, file, address);
                String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
                Validators validators = new Validators(response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
                return Optional.of(new Fetched(file, size, type, fileName(url), validators));
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

    /** The last segment of the address's path, which import jobs show as the file name. */
    public static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
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
