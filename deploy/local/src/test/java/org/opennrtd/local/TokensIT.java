package org.opennrtd.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped realm gives the tokens the services rely on: issuer, realm roles, country and institution. */
class TokensIT {

    @ParameterizedTest(name = "{0}: role {1}, country {2}, institution {3}")
    @CsvSource(nullValues = "-", value = {
            "admin,             admin,         -,   -",
            "coordinator-svn,   coordinator,   SVN, government-office-for-human-rights",
            "focal-point-svn,   focal-point,   SVN, ministry-of-justice",
            "nhri-svn,          nhri,          SVN, ombudsman",
            "civil-society-svn, civil-society, SVN, human-rights-ngo",
            "ohchr-analyst,     ohchr,         -,   ohchr",
            "coordinator-hrv,   coordinator,   HRV, government-office-for-human-rights"})
    void demoUsersCarryRoleCountryAndInstitution(String user, String role, String country, String institution) {
        JsonNode claims = E2EStack.claims(E2EStack.userToken(user));
        assertEquals(E2EStack.get().settings().issuer(), claims.path("iss").asText());
        assertEquals(user, claims.path("preferred_username").asText());
        assertEquals(List.of(role), roles(claims), "realm_access.roles");
        assertEquals(country, text(claims, "country"), "country claim");
        assertEquals(institution, text(claims, "institution"), "institution claim");
    }

    @Test
    void issuerIsTheSameThroughLoopbackAddress() {
        String viaIp = new KeycloakTokens("http://127.0.0.1:" + E2EStack.get().settings().keycloakPort()
                + "/realms/" + StackSettings.REALM).forUser("nhri-svn");
        assertEquals(E2EStack.get().settings().issuer(), E2EStack.claims(viaIp).path("iss").asText());
    }

    @Test
    void ohchrServiceAccountReadsAcrossCountries() {
        JsonNode claims = E2EStack.claims(E2EStack.clientToken("ohchr", "ohchr-demo-secret"));
        assertTrue(roles(claims).contains("ohchr"), "roles " + roles(claims));
        assertFalse(roles(claims).contains("admin"));
        assertTrue(claims.path("country").isMissingNode(), "a cross-country account has no country claim");
    }

    @Test
    void reportingServiceAccountHasTheReadOnlyOhchrRole() {
        JsonNode claims = E2EStack.claims(E2EStack.clientToken("reporting-service", LocalStack.REPORTING_DEMO_SECRET));
        assertEquals(List.of("ohchr"), roles(claims));
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static String text(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
