package org.opennrtd.common.security;

/** The realm roles of the OpenNRTD Keycloak realm, as they appear in {@code realm_access.roles}. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String COORDINATOR = "coordinator";
    public static final String FOCAL_POINT = "focal-point";
    public static final String NHRI = "nhri";
    public static final String CIVIL_SOCIETY = "civil-society";
    public static final String OHCHR = "ohchr";

    private Roles() {
    }
}
