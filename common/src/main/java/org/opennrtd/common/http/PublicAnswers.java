package org.opennrtd.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Answers of the anonymous public view: {@code Cache-Control: public, max-age=N} (shared caches may keep them,
 * since they carry no caller's data and a token widens nothing), a strong {@code ETag} computed over the JSON
 * body, and 304 without a body when {@code If-None-Match} holds that tag. The answer depends on nothing of the
 * request but its path and query (no token, no language), so no {@code Vary} is needed.
 */
@ApplicationScoped
public class PublicAnswers {

    @ConfigProperty(name = "opennrtd.public.max-age", defaultValue = "300")
    int maxAgeSeconds;

    @Inject
    ObjectMapper json;

    public <T> RestResponse<T> ok(T body, String ifNoneMatch) {
        String tag = tagOf(body);
        String cacheControl = "public, max-age=" + maxAgeSeconds;
        if (matches(ifNoneMatch, tag)) {
            return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.NOT_MODIFIED)
                    .header("ETag", tag).header("Cache-Control", cacheControl).build();
        }
        return RestResponse.ResponseBuilder.ok(body).header("ETag", tag).header("Cache-Control", cacheControl).build();
    }

    String tagOf(Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot tag a public answer", e);
        }
    }

    /** RFC 9110 weak comparison: {@code *} or any listed tag, with or without {@code W/}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
