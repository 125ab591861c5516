package org.opennrtd.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opennrtd.common.problem.ProblemException;

/**
 * Who is calling: the token's subject, realm roles, and the {@code country} (ISO 3166-1 alpha-3) and
 * {@code institution} claims that scope what the caller may see and change. Administrators and OHCHR
 * see every country; everybody else sees only their own.
 */
@RequestScoped
public class Caller {

    public static final String COUNTRY_CLAIM = "country";
    public static final String INSTITUTION_CLAIM = "institution";

    @Inject
    SecurityIdentity identity;

    /** A stable name for audit records: the user name, or the client id of a service account. */
    public String name() {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        Optional<String> username = claim("preferred_username");
        return username.orElseGet(() -> identity.getPrincipal().getName());
    }

    public boolean hasRole(String role) {
        return identity != null && identity.hasRole(role);
    }

    public Optional<String> country() {
        return claim(COUNTRY_CLAIM).map(c -> c.trim().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty());
    }

    public Optional<String> institution() {
        return claim(INSTITUTION_CLAIM).map(String::trim).filter(c -> !c.isEmpty());
    }

    /** Administrators and OHCHR read every country's data. */
    public boolean seesAllCountries() {
        return hasRole(Roles.ADMIN) || hasRole(Roles.OHCHR);
    }

    public boolean maySeeCountry(String iso3) {
        return seesAllCountries() || country().map(c -> c.equalsIgnoreCase(iso3)).orElse(false);
    }

    /**
     * The country a caller's query is restricted to: the requested one if the caller may see it, the caller's
     * own when none is requested, and nothing (all countries) for those who see all.
     */
    public Optional<String> countryScope(String requested) {
        if (requested != null) {
            if (!maySeeCountry(requested)) {
                throw ProblemException.forbidden("Your account is limited to "
                        + country().orElse("no country") + "; it cannot read " + requested + ".");
            }
            return Optional.of(requested);
        }
        if (seesAllCountries()) {
            return Optional.empty();
        }
        return Optional.of(country().orElseThrow(() -> ProblemException.forbidden(
                "Your account has no country claim, so it may not read country data.")));
    }

    /** Only administrators write across countries; a coordinator writes only in the country of the token. */
    public void requireWriteAccessTo(String iso3) {
        if (hasRole(Roles.ADMIN)) {
            return;
        }
        if (!country().map(c -> c.equalsIgnoreCase(iso3)).orElse(false)) {
            throw ProblemException.forbidden("Your account may change data of "
                    + country().orElse("no country") + " only, not of " + iso3 + ".");
        }
    }

    private Optional<String> claim(String name) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                return Optional.of(unquote(value.toString()));
            }
        }
        Object attribute = identity.getAttribute(name);
        return Optional.ofNullable(attribute).map(Object::toString);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
