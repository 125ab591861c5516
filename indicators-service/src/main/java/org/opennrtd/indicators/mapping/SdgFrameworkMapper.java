package org.opennrtd.indicators.mapping;

import java.util.ArrayList;
import org.opennrtd.indicators.api.model.SdgFrameworkSummary;
import org.opennrtd.indicators.api.model.SdgGoal;
import org.opennrtd.indicators.api.model.SdgIndicator;
import org.opennrtd.indicators.api.model.SdgTarget;
import org.opennrtd.indicators.repository.SdgFrameworkRepository;
import org.opennrtd.indicators.service.SdgFrameworkService;

/** Domain rows to contract DTOs. */
public final class SdgFrameworkMapper {

    private SdgFrameworkMapper() {
    }

    public static SdgFrameworkSummary toDto(SdgFrameworkService.Summary s) {
        return new SdgFrameworkSummary()
                .goals(Math.toIntExact(s.goals()))
                .targets(Math.toIntExact(s.targets()))
                .indicators(Math.toIntExact(s.indicators()))
                .languages(new ArrayList<>(s.languages()))
                .source(s.source());
    }

    public static SdgGoal toDto(SdgFrameworkRepository.Goal g) {
        return new SdgGoal()
                .code(g.code())
                .title(g.title())
                .shortTitle(g.shortTitle())
                .targetCount(g.targetCount())
                .indicatorCount(g.indicatorCount())
                .language(g.language());
    }

    public static SdgTarget toDto(SdgFrameworkRepository.Target t) {
        return new SdgTarget()
                .code(t.code())
                .goal(t.goal())
                .title(t.title())
                .indicatorCount(t.indicatorCount())
                .language(t.language());
    }

    public static SdgIndicator toDto(SdgFrameworkRepository.Indicator i) {
        return new SdgIndicator()
                .code(i.code())
                .goal(i.goal())
                .target(i.target())
                .title(i.title())
                .language(i.language());
    }
}
