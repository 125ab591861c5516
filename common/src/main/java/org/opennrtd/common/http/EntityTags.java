package org.opennrtd.common.http;

import org.opennrtd.common.problem.ProblemException;

/**
 * Strong entity tags derived from an entity's version, and the {@code If-Match} check that protects every
 * update against lost updates: no header is 428, a stale one 412.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "Send the ETag you last read in an If-Match header, so that no one else's change is overwritten.");
        }
        String current = of(currentVersion);
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
