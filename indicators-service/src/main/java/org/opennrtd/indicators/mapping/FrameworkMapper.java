package org.opennrtd.indicators.mapping;

import org.opennrtd.indicators.api.model.Dimension;
import org.opennrtd.indicators.api.model.DimensionCode;
import org.opennrtd.indicators.api.model.FrameworkOrigin;
import org.opennrtd.indicators.api.model.HumanRightsIndicator;
import org.opennrtd.indicators.api.model.HumanRightsIndicatorType;
import org.opennrtd.indicators.api.model.Right;
import org.opennrtd.indicators.api.model.RightAttribute;
import org.opennrtd.indicators.repository.DimensionRepository;
import org.opennrtd.indicators.repository.HumanRightsRepository;

/** The human-rights framework and the disaggregation catalogue as contract DTOs. */
public final class FrameworkMapper {

    private FrameworkMapper() {
    }

    public static Right toDto(HumanRightsRepository.Right r) {
        return new Right().code(r.code()).name(r.name()).description(r.description())
                .origin(FrameworkOrigin.fromValue(r.origin()))
                .attributes(r.attributes().stream().map(a -> new RightAttribute().code(a.code()).name(a.name())
                        .origin(FrameworkOrigin.fromValue(a.origin()))).toList());
    }

    public static HumanRightsIndicator toDto(HumanRightsRepository.Indicator i) {
        return new HumanRightsIndicator().code(i.code()).right(i.right()).attribute(i.attribute())
                .type(HumanRightsIndicatorType.fromValue(i.type())).title(i.title()).sdgIndicators(i.sdgIndicators())
                .origin(FrameworkOrigin.fromValue(i.origin()));
    }

    public static Dimension toDto(DimensionRepository.Dimension d) {
        return new Dimension().code(d.code()).name(d.name()).userDefined(d.userDefined())
                .codes(d.codes().stream().map(c -> new DimensionCode().code(c.code()).name(c.name())).toList());
    }
}
