package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.Languages;
import org.opennrtd.indicators.api.SdgFrameworkApi;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.api.model.SdgFrameworkSummary;
import org.opennrtd.indicators.api.model.SdgGoal;
import org.opennrtd.indicators.api.model.SdgGoalPage;
import org.opennrtd.indicators.api.model.SdgIndicator;
import org.opennrtd.indicators.api.model.SdgIndicatorPage;
import org.opennrtd.indicators.api.model.SdgTarget;
import org.opennrtd.indicators.api.model.SdgTargetPage;
import org.opennrtd.indicators.mapping.SdgFrameworkMapper;
import org.opennrtd.indicators.repository.SdgFrameworkRepository;
import org.opennrtd.indicators.service.SdgFrameworkService;

/**
 * HTTP only: the contract's SdgFrameworkApi, mapped onto {@link SdgFrameworkService}. Picks the served language
 * from {@code Accept-Language} and names it in {@code Content-Language}.
 */
public class SdgFrameworkResource implements SdgFrameworkApi {

    @Inject
    SdgFrameworkService service;

    @Override
    public RestResponse<SdgFrameworkSummary> getSdgFrameworkSummary() {
        return RestResponse.ok(SdgFrameworkMapper.toDto(service.summary()));
    }

    @Override
    public RestResponse<SdgGoalPage> listSdgGoals(Integer offset, Integer limit, String acceptLanguage) {
        String language = language(acceptLanguage);
        SdgFrameworkRepository.Page<SdgFrameworkRepository.Goal> page = service.goals(language, offset, limit);
        return labelled(new SdgGoalPage()
                .items(page.items().stream().map(SdgFrameworkMapper::toDto).toList())
                .page(pageMeta(offset, limit, page.total())), language);
    }

    @Override
    public RestResponse<SdgGoal> getSdgGoal(Integer goal, String acceptLanguage) {
        String language = language(acceptLanguage);
        return labelled(SdgFrameworkMapper.toDto(service.goal(goal, language)), language);
    }

    @Override
    public RestResponse<SdgTargetPage> listSdgTargets(Integer offset, Integer limit, Integer goal, String acceptLanguage) {
        String language = language(acceptLanguage);
        SdgFrameworkRepository.Page<SdgFrameworkRepository.Target> page = service.targets(goal, language, offset, limit);
        return labelled(new SdgTargetPage()
                .items(page.items().stream().map(SdgFrameworkMapper::toDto).toList())
                .page(pageMeta(offset, limit, page.total())), language);
    }

    @Override
    public RestResponse<SdgTarget> getSdgTarget(String target, String acceptLanguage) {
        String language = language(acceptLanguage);
        return labelled(SdgFrameworkMapper.toDto(service.target(target, language)), language);
    }

    @Override
    public RestResponse<SdgIndicatorPage> listSdgIndicators(Integer offset, Integer limit, Integer goal, String target,
            String q, String acceptLanguage) {
        String language = language(acceptLanguage);
        String text = q == null || q.isBlank() ? null : q;
        SdgFrameworkRepository.Page<SdgFrameworkRepository.Indicator> page = service.indicators(
                new SdgFrameworkRepository.IndicatorQuery(goal, target, text, language, offset, limit));
        return labelled(new SdgIndicatorPage()
                .items(page.items().stream().map(SdgFrameworkMapper::toDto).toList())
                .page(pageMeta(offset, limit, page.total())), language);
    }

    @Override
    public RestResponse<SdgIndicator> getSdgIndicator(String indicator, String acceptLanguage) {
        String language = language(acceptLanguage);
        return labelled(SdgFrameworkMapper.toDto(service.indicator(indicator, language)), language);
    }

    private static String language(String acceptLanguage) {
        return Languages.pick(acceptLanguage, SdgFrameworkService.LANGUAGES);
    }

    private static PageMeta pageMeta(Integer offset, Integer limit, long total) {
        return new PageMeta().offset(offset).limit(limit).total(total);
    }

    /** The body with the language its labels were asked in; caches must key on Accept-Language. */
    private static <T> RestResponse<T> labelled(T body, String language) {
        return RestResponse.ResponseBuilder.ok(body)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
