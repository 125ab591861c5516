package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.indicators.repository.SdgFrameworkRepository;
import org.opennrtd.indicators.repository.SdgFrameworkRepository.Goal;
import org.opennrtd.indicators.repository.SdgFrameworkRepository.Indicator;
import org.opennrtd.indicators.repository.SdgFrameworkRepository.IndicatorQuery;
import org.opennrtd.indicators.repository.SdgFrameworkRepository.Page;
import org.opennrtd.indicators.repository.SdgFrameworkRepository.Target;
import org.opennrtd.indicators.seeding.SdgFrameworkReader;

/** Read access to the global SDG framework, labelled in one of the six UN languages. */
@ApplicationScoped
public class SdgFrameworkService {

    /** The languages labels are served in, in order of preference: English is the default and the fallback. */
    public static final List<String> LANGUAGES = SdgFrameworkReader.LANGUAGES;

    public static final String SOURCE = "UN global SDG indicator framework (official UN titles), from open-sdg"
            + " sdg-translations commit 0cda585851a5c6f04040a9a2755fbb4496c4eead (2025-08-19), MIT licence";

    @Inject
    SdgFrameworkRepository repository;

    public record Summary(long goals, long targets, long indicators, List<String> languages, String source) {
    }

    @Transactional
    public Summary summary() {
        SdgFrameworkRepository.Counts counts = repository.counts();
        List<String> present = repository.languages();
        List<String> languages = LANGUAGES.stream().filter(present::contains).toList();
        return new Summary(counts.goals(), counts.targets(), counts.indicators(), languages, SOURCE);
    }

    @Transactional
    public Page<Goal> goals(String language, int offset, int limit) {
        return repository.goals(language, offset, limit);
    }

    @Transactional
    public Goal goal(int code, String language) {
        return repository.goal(code, language).orElseThrow(() -> ProblemException.notFound("SDG goal", code));
    }

    @Transactional
    public Page<Target> targets(Integer goal, String language, int offset, int limit) {
        return repository.targets(goal, language, offset, limit);
    }

    @Transactional
    public Target target(String code, String language) {
        return repository.target(code, language).orElseThrow(() -> ProblemException.notFound("SDG target", code));
    }

    @Transactional
    public Page<Indicator> indicators(IndicatorQuery query) {
        return repository.indicators(query);
    }

    @Transactional
    public Indicator indicator(String code, String language) {
        return repository.indicator(code, language).orElseThrow(() -> ProblemException.notFound("SDG indicator", code));
    }

    /** The codes among {@code codes} that are not global indicators. */
    @Transactional
    public List<String> missingIndicators(List<String> codes) {
        return repository.missing("sdg_indicator", codes);
    }

    /** The codes among {@code codes} that are not targets. */
    @Transactional
    public List<String> missingTargets(List<String> codes) {
        return repository.missing("sdg_target", codes);
    }
}
