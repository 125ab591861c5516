package org.opennrtd.indicators.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.indicators.api.HumanRightsFrameworkApi;
import org.opennrtd.indicators.api.model.AuditEventPage;
import org.opennrtd.indicators.api.model.HumanRightsIndicator;
import org.opennrtd.indicators.api.model.HumanRightsIndicatorInput;
import org.opennrtd.indicators.api.model.HumanRightsIndicatorPage;
import org.opennrtd.indicators.api.model.HumanRightsIndicatorType;
import org.opennrtd.indicators.api.model.PageMeta;
import org.opennrtd.indicators.api.model.Right;
import org.opennrtd.indicators.api.model.RightAttributeInput;
import org.opennrtd.indicators.api.model.RightInput;
import org.opennrtd.indicators.api.model.RightPage;
import org.opennrtd.indicators.mapping.FrameworkMapper;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.indicators.repository.HumanRightsRepository;
import org.opennrtd.indicators.service.HumanRightsFrameworkService;

/** HTTP only: the contract's HumanRightsFrameworkApi, mapped onto {@link HumanRightsFrameworkService}. */
public class HumanRightsFrameworkResource implements HumanRightsFrameworkApi {

    @Inject
    HumanRightsFrameworkService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<RightPage> listRights(Integer offset, Integer limit) {
        HumanRightsRepository.Page<HumanRightsRepository.Right> page = service.rights(offset, limit);
        return RestResponse.ok(new RightPage().items(page.items().stream().map(FrameworkMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Right> createRight(RightInput in) {
        Right created = FrameworkMapper.toDto(service.createRight(in.getCode(), in.getName(), in.getDescription()));
        return RestResponse.ResponseBuilder.<Right>created(
                uriInfo.getBaseUriBuilder().path("api/v1/human-rights/rights/{code}").build(created.getCode()))
                .entity(created).build();
    }

    @Override
    public RestResponse<Right> getRight(String right) {
        return RestResponse.ok(FrameworkMapper.toDto(service.right(right)));
    }

    @Override
    public RestResponse<AuditEventPage> getRightHistory(String right, Integer offset, Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.rightHistory(right, offset, limit), offset, limit));
    }

    @Override
    public RestResponse<AuditEventPage> getRightAttributeHistory(String right, String attribute, Integer offset,
            Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.attributeHistory(right, attribute, offset, limit), offset,
                limit));
    }

    @Override
    public RestResponse<AuditEventPage> getHumanRightsIndicatorHistory(String indicator, Integer offset, Integer limit) {
        return RestResponse.ok(IndicatorMapper.toDto(service.indicatorHistory(indicator, offset, limit), offset, limit));
    }

    @Override
    public RestResponse<Right> createRightAttribute(String right, RightAttributeInput in) {
        Right updated = FrameworkMapper.toDto(service.createAttribute(right, in.getCode(), in.getName()));
        return RestResponse.ResponseBuilder.<Right>created(
                uriInfo.getBaseUriBuilder().path("api/v1/human-rights/rights/{code}").build(right))
                .entity(updated).build();
    }

    @Override
    public RestResponse<HumanRightsIndicatorPage> listHumanRightsIndicators(Integer offset, Integer limit, String right,
            String attribute, HumanRightsIndicatorType type) {
        HumanRightsRepository.Page<HumanRightsRepository.Indicator> page = service.indicators(right, attribute,
                type == null ? null : type.name(), offset, limit);
        return RestResponse.ok(new HumanRightsIndicatorPage()
                .items(page.items().stream().map(FrameworkMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<HumanRightsIndicator> createHumanRightsIndicator(HumanRightsIndicatorInput in) {
        HumanRightsIndicator created = FrameworkMapper.toDto(service.createIndicator(in.getCode(), in.getRight(),
                in.getAttribute(), in.getType().name(), in.getTitle(), in.getSdgIndicators()));
        return RestResponse.ResponseBuilder.<HumanRightsIndicator>created(uriInfo.getBaseUriBuilder()
                        .path("api/v1/human-rights/indicators").queryParam("attribute", created.getAttribute()).build())
                .entity(created).build();
    }
}
