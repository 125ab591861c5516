package org.opennrtd.recommendations.mapping;

import java.util.ArrayList;
import org.opennrtd.recommendations.api.model.FocalPoint;
import org.opennrtd.recommendations.api.model.Institution;
import org.opennrtd.recommendations.api.model.InstitutionInput;
import org.opennrtd.recommendations.api.model.InstitutionKind;
import org.opennrtd.recommendations.entity.InstitutionEntity;
import org.opennrtd.recommendations.service.InstitutionService;

/** Institution DTOs to and from the domain. */
public final class InstitutionMapper {

    private InstitutionMapper() {
    }

    public static InstitutionService.Draft toDraft(InstitutionInput in) {
        return new InstitutionService.Draft(in.getCountry(), in.getCode(), in.getName(),
                InstitutionEntity.Kind.valueOf(in.getKind().name()), in.getDescription(),
                in.getFocalPoints() == null ? null : in.getFocalPoints().stream()
                        .map(p -> p == null ? null : new InstitutionEntity.FocalPoint(p.getName(), p.getEmail(), p.getUsername()))
                        .collect(java.util.stream.Collectors.toList()));
    }

    /** Without {@code contacts}, focal points show by name only. */
    public static Institution toDto(InstitutionEntity e, boolean contacts) {
        return new Institution()
                .id(e.id)
                .country(e.country)
                .code(e.code)
                .name(e.name)
                .kind(InstitutionKind.fromValue(e.kind.name()))
                .description(e.description)
                .focalPoints(new ArrayList<>(e.focalPoints.stream().map(p -> new FocalPoint().name(p.name)
                        .email(contacts ? p.email : null).username(contacts ? p.username : null)).toList()))
                .createdAt(e.createdAt)
                .updatedAt(e.updatedAt)
                .version(e.version);
    }
}
