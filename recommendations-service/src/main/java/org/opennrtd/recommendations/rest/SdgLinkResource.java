package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.recommendations.api.SdgLinksApi;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.SdgLink;
import org.opennrtd.recommendations.api.model.SdgLinkInput;
import org.opennrtd.recommendations.api.model.SdgLinkPage;
import org.opennrtd.recommendations.api.model.SdgSuggestion;
import org.opennrtd.recommendations.api.model.SdgSuggestionPage;
import org.opennrtd.recommendations.mapping.SdgMapper;
import org.opennrtd.recommendations.repository.SdgRepository;
import org.opennrtd.recommendations.service.SdgService;

/** HTTP only: the contract's SdgLinksApi, mapped onto {@link SdgService}. */
public class SdgLinkResource implements SdgLinksApi {

    /** The page size of an answer that holds all of a computation's suggestions. */
    static final int WHOLE = 100;

    @Inject
    SdgService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<SdgLinkPage> listSdgLinks(UUID id, Integer offset, Integer limit) {
        SdgService.Links links = service.links(id);
        List<SdgService.LinkView> all = links.targets();
        return RestResponse.ok(new SdgLinkPage().items(page(all, offset, limit).stream().map(SdgMapper::toDto).toList())
                .goalLinks(links.goals().stream().map(SdgMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total((long) all.size())));
    }

    @Override
    public RestResponse<SdgLink> addSdgLink(UUID id, SdgLinkInput input) {
        return created(id, service.addManual(id, input.getTargetCode()));
    }

    @Override
    public RestResponse<SdgLink> getSdgLink(UUID id, String targetCode) {
        SdgService.LinkView link = service.link(id, targetCode);
        return RestResponse.ResponseBuilder.ok(SdgMapper.toDto(link)).header("ETag", SdgService.etag(link)).build();
    }

    @Override
    public RestResponse<Void> removeSdgLink(UUID id, String targetCode, String ifMatch) {
        service.remove(id, targetCode, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    public RestResponse<SdgSuggestion> getSdgSuggestion(UUID id, String targetCode) {
        return tagged(service.suggestion(id, targetCode));
    }

    @Override
    public RestResponse<SdgSuggestionPage> listSdgSuggestions(UUID id, Integer offset, Integer limit) {
        List<SdgRepository.Suggestion> all = service.suggestions(id);
        return RestResponse.ok(new SdgSuggestionPage()
                .items(page(all, offset, limit).stream().map(SdgMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total((long) all.size())));
    }

    @Override
    public RestResponse<SdgSuggestionPage> computeSdgSuggestions(UUID id) {
        List<SdgRepository.Suggestion> open = service.suggest(id);
        return RestResponse.ok(new SdgSuggestionPage().items(open.stream().map(SdgMapper::toDto).toList())
                .page(new PageMeta().offset(0).limit(Math.max(WHOLE, open.size())).total((long) open.size())));
    }

    @Override
    public RestResponse<SdgLink> acceptSdgSuggestion(UUID id, String targetCode, String ifMatch) {
        return created(id, service.accept(id, targetCode, ifMatch));
    }

    @Override
    public RestResponse<SdgSuggestion> rejectSdgSuggestion(UUID id, String targetCode, String ifMatch) {
        return tagged(service.reject(id, targetCode, ifMatch));
    }

    private static RestResponse<SdgSuggestion> tagged(SdgRepository.Suggestion suggestion) {
        return RestResponse.ResponseBuilder.ok(SdgMapper.toDto(suggestion))
                .header("ETag", SdgService.etag(suggestion)).build();
    }

    private RestResponse<SdgLink> created(UUID id, SdgService.LinkView link) {
        return RestResponse.ResponseBuilder.<SdgLink>created(uriInfo.getBaseUriBuilder()
                        .path("api/v1/recommendations/{id}/sdg-links/{targetCode}").build(id, link.targetCode()))
                .entity(SdgMapper.toDto(link)).header("ETag", SdgService.etag(link)).build();
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
    }
}
