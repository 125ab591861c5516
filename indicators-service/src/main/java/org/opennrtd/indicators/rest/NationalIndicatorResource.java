package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.security.Caller;
import org.opennrtd.indicators.api.NationalIndicatorsApi;
import org.opennrtd.indicators.api.model.AuditEventPage;
import org.opennrtd.indicators.api.model.NationalIndicator;
import org.opennrtd.indicators.api.model.NationalIndicatorInput;
import org.opennrtd.indicators.api.model.NationalIndicatorPage;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.indicators.service.NationalIndicatorService;

/** HTTP only: the contract's NationalIndicatorsApi, mapped onto {@link NationalIndicatorService}. */
public class NationalIndicatorResource implements NationalIndicatorsApi {

    @Inject
    NationalIndicatorService service;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<NationalIndicatorPage> listNationalIndicators(Integer offset, Integer limit, String sort,
            String q, String country, String sdgIndicator, String sdgTarget, String right, UUID recommendationId) {
        NationalIndicatorService.Page page = service.search(new NationalIndicatorService.Search(
                caller.countryScope(country), q, sdgIndicator, sdgTarget, right, recommendationId, sort, offset, limit));
        return RestResponse.ok(new NationalIndicatorPage()
                .items(page.items().stream().map(IndicatorMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<NationalIndicator> createNationalIndicator(NationalIndicatorInput in) {
        NationalIndicator created = IndicatorMapper.toDto(service.create(IndicatorMapper.toDraft(in)));
        return RestResponse.ResponseBuilder.<NationalIndicator>created(
                        uriInfo.getBaseUriBuilder().path("api/v1/national-indicators/{id}").build(created.getId()))
                .entity(created).header("ETag", EntityTags.of(created.getVersion())).build();
    }

    @Override
    public RestResponse<NationalIndicator> getNationalIndicator(UUID id) {
        return tagged(IndicatorMapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<NationalIndicator> updateNationalIndicator(UUID id, NationalIndicatorInput in, String ifMatch) {
        return tagged(IndicatorMapper.toDto(service.update(id, IndicatorMapper.toDraft(in), ifMatch)));
    }

    @Override
    public RestResponse<AuditEventPage> getNationalIndicatorHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<NationalIndicator> tagged(NationalIndicator dto) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
