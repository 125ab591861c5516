package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.indicators.api.DisaggregationApi;
import org.opennrtd.indicators.api.model.AuditEventPage;
import org.opennrtd.indicators.api.model.Dimension;
import org.opennrtd.indicators.api.model.DimensionCodeInput;
import org.opennrtd.indicators.api.model.DimensionInput;
import org.opennrtd.indicators.api.model.DimensionPage;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.mapping.FrameworkMapper;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.indicators.repository.DimensionRepository;
import org.opennrtd.indicators.service.DimensionService;

/** HTTP only: the contract's DisaggregationApi, mapped onto {@link DimensionService}. */
public class DisaggregationResource implements DisaggregationApi {

    @Inject
    DimensionService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<DimensionPage> listDimensions(Integer offset, Integer limit) {
        DimensionRepository.Page page = service.list(offset, limit);
        return RestResponse.ok(new DimensionPage().items(page.items().stream().map(FrameworkMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Dimension> getDimension(String dimension) {
        return RestResponse.ok(FrameworkMapper.toDto(service.get(dimension)));
    }

    @Override
    public RestResponse<AuditEventPage> getDimensionHistory(String dimension, Integer offset, Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.history(dimension, offset, limit), offset, limit));
    }

    @Override
    public RestResponse<Dimension> createDimension(DimensionInput in) {
        List<DimensionService.CodeDraft> codes = in.getCodes() == null ? List.of()
                : in.getCodes().stream().map(c -> new DimensionService.CodeDraft(c.getCode(), c.getName())).toList();
        Dimension created = FrameworkMapper.toDto(service.create(in.getCode(), in.getName(), codes));
        return RestResponse.ResponseBuilder.<Dimension>created(
                uriInfo.getBaseUriBuilder().path("api/v1/dimensions/{code}").build(created.getCode()))
                .entity(created).build();
    }

    @Override
    public RestResponse<Dimension> createDimensionCode(String dimension, DimensionCodeInput in) {
        Dimension updated = FrameworkMapper.toDto(service.addCode(dimension, in.getCode(), in.getName()));
        return RestResponse.ResponseBuilder.<Dimension>created(
                uriInfo.getBaseUriBuilder().path("api/v1/dimensions/{code}").build(dimension))
                .entity(updated).build();
    }
}
