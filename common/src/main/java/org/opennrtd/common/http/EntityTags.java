package org.opennrtd.common.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.opennrtd.common.problem.ProblemException;

/**
 * Strong entity tags derived from an entity's version, and the {@code If-Match} check that protects every
 * update against lost updates: no header is 428, a stale one 412. Rows without a version column get a tag
 * computed over the fields a write changes ({@link #ofState}); the caller then makes the check and the write
 * atomic with a row lock or an advisory lock held until the transaction ends.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * A strong tag computed over {@code parts} (their string forms, in order, null distinct from "null"): equal
     * parts give equal tags, and a change of any part gives another tag.
     */
    public static String ofState(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                if (part == null) {
                    sha.update((byte) 0);
                } else {
                    sha.update((byte) 1);
                    sha.update(Objects.toString(part).getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) 0x1f);
            }
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        requireMatch(ifMatch, of(currentVersion));
    }

    /** The {@code If-Match} check against a tag as {@link #of} or {@link #ofState} gave it. */
    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "Send the ETag you last read in an If-Match header, so that no one else's change is overwritten.");
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed(
                "The resource has changed since you read it (it is now at " + current + "); read it again and retry.");
    }
}
