package org.opennrtd.recommendations.exporting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/** The columns an export may carry, named as the JSON properties of a recommendation. */
public enum ExportColumn {
    ID("id", r -> r.id),
    COUNTRY("country", r -> r.country),
    TEXT("text", r -> r.text),
    MECHANISM("mechanism", r -> r.mechanism),
    BODY("body", r -> r.body),
    DOCUMENT_SYMBOL("documentSymbol", r -> r.documentSymbol),
    PARAGRAPH("paragraph", r -> r.paragraph),
    UHRI_ANNOTATION_ID("uhriAnnotationId", r -> r.uhriAnnotationId),
    UPR_CYCLE("uprCycle", r -> r.uprCycle),
    UPR_SESSION("uprSession", r -> r.uprSession),
    RECOMMENDING_STATES("recommendingStates", r -> r.recommendingStates),
    POSITION("position", r -> r.position),
    THEMES("themes", r -> r.themes),
    AFFECTED_PERSONS("affectedPersons", r -> r.affectedPersons),
    SDG_TARGETS("sdgTargets", r -> r.sdgTargets),
    SDG_GOALS("sdgGoals", r -> r.sdgGoals),
    PUBLICATION_DATE("publicationDate", r -> r.publicationDate),
    CREATED_AT("createdAt", r -> r.createdAt),
    UPDATED_AT("updatedAt", r -> r.updatedAt),
    VERSION("version", r -> r.version);

    public static final List<ExportColumn> DEFAULT = List.of(ID, COUNTRY, DOCUMENT_SYMBOL, PARAGRAPH, BODY, POSITION, TEXT);

    private static final Map<String, ExportColumn> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(c -> c.property.toLowerCase(Locale.ROOT), c -> c));

    private final String property;
    private final Function<RecommendationEntity, Object> value;

    ExportColumn(String property, Function<RecommendationEntity, Object> value) {
        this.property = property;
        this.value = value;
    }

    public String property() {
        return property;
    }

    /** The cell text: lists joined with "; ", absent values empty, never yet neutralised. */
    public String text(RecommendationEntity r) {
        Object v = value.apply(r);
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining("; "));
        }
        return v.toString();
    }

    /** A column by its property name, case-insensitively; null if there is none. */
    public static ExportColumn byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
