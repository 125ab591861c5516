package org.opennrtd.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the invented demo recommendations ({@code deploy/local/demo-data/recommendations.json}) through the
 * recommendations API, each with the token of its country's demo coordinator. Every demo recommendation has a
 * document symbol and paragraph, which the service keeps unique per country: loading twice answers 409 for what
 * exists and creates nothing twice. Then grants the demo moderators (the file's {@code moderators}) with the
 * administrator's token; a grant that exists answers 409 and is counted as existing.
 */
final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Result(int created, int existing, int moderatorsGranted) {
    }

    private DemoData() {
    }

    static Result load(Path file, String recommendationsUrl, KeycloakTokens tokens) throws IOException,
            InterruptedException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode logins = root.required("logins");
        Map<String, String> tokenByCountry = new HashMap<>();
        int created = 0;
        int existing = 0;
        for (JsonNode recommendation : root.required("recommendations")) {
            String country = recommendation.required("country").asText();
            String token = tokenByCountry.computeIfAbsent(country,
                    c -> tokens.forUser(logins.required(c).asText()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(recommendationsUrl + "/api/v1/recommendations"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(recommendation)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 201 -> created++;
                case 409 -> existing++;
                default -> throw new IllegalStateException("Demo recommendation " + recommendation.path("documentSymbol")
                        .asText() + " para. " + recommendation.path("paragraph").asText() + " was refused: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        }
        return new Result(created, existing, grantModerators(root.path("moderators"), recommendationsUrl, tokens));
    }

    private static int grantModerators(JsonNode moderators, String recommendationsUrl, KeycloakTokens tokens)
            throws IOException, InterruptedException {
        if (moderators.isMissingNode() || moderators.path("grants").isEmpty()) {
            return 0;
        }
        String token = tokens.forUser(moderators.required("grantedBy").asText());
        int granted = 0;
        for (JsonNode grant : moderators.required("grants")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(recommendationsUrl + "/api/v1/moderators"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(grant)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 201 -> granted++;
                case 409 -> { }
                default -> throw new IllegalStateException("Demo moderator " + grant.path("userName").asText()
                        + " was refused: HTTP " + response.statusCode() + " " + response.body());
            }
        }
        return granted;
    }
}
