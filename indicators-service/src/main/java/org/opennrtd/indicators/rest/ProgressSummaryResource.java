package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.indicators.api.ProgressSummariesApi;
import org.opennrtd.indicators.api.model.ProgressGroup;
import org.opennrtd.indicators.api.model.ProgressSummary;
import org.opennrtd.indicators.observations.ProgressCalculator.Status;
import org.opennrtd.indicators.service.ProgressSummaryService;

/** HTTP only: the contract's ProgressSummariesApi, mapped onto {@link ProgressSummaryService}. */
public class ProgressSummaryResource implements ProgressSummariesApi {

    @Inject
    ProgressSummaryService service;

    @Override
    public RestResponse<ProgressSummary> getSdgGoalProgressSummary(String country) {
        return RestResponse.ok(summary(country, service.bySdgGoal(country)));
    }

    @Override
    public RestResponse<ProgressSummary> getRightProgressSummary(String country) {
        return RestResponse.ok(summary(country, service.byRight(country)));
    }

    private static ProgressSummary summary(String country, List<ProgressSummaryService.Group> groups) {
        return new ProgressSummary().country(country).groups(groups.stream().map(g -> new ProgressGroup().code(g.code)
                .title(g.title).indicators(g.indicators).withData(g.withData).meanProgress(g.meanProgress())
                .achieved(g.count(Status.ACHIEVED)).onTrack(g.count(Status.ON_TRACK)).offTrack(g.count(Status.OFF_TRACK))
                .regressing(g.count(Status.REGRESSING)).noData(g.count(Status.NO_DATA)).improving(g.improving)
                .worsening(g.worsening)).toList());
    }
}
