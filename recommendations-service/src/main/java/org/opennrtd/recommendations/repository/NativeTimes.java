package org.opennrtd.recommendations.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values of native query columns in the Java types the mappers use, whatever type the JDBC driver returned. */
final class NativeTimes {

    private NativeTimes() {
    }

    static OffsetDateTime utc(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    static LocalDate date(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("Unexpected date type " + value.getClass().getName());
    }

    static java.util.List<String> strings(Object value) {
        if (value == null) {
            return java.util.List.of();
        }
        try {
            Object array = value instanceof java.sql.Array a ? a.getArray() : value;
            java.util.List<String> out = new java.util.ArrayList<>();
            for (Object o : (Object[]) array) {
                out.add(String.valueOf(o));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
