package org.opennrtd.testing;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/**
 * Real signed access tokens from the WireMock OIDC server of {@code OidcWiremockTestResource}, carrying the
 * realm's claims (roles, country, institution), so that tests exercise bearer-token validation itself.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String token(String user, String role, String country, String institution) {
        var builder = Jwt.preferredUserName(user)
                .groups(Set.of(role))
                .issuer("https://server.example.com")
                .audience("https://service.example.com");
        if (country != null) {
            builder.claim("country", country);
        }
        if (institution != null) {
            builder.claim("institution", institution);
        }
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }
}
