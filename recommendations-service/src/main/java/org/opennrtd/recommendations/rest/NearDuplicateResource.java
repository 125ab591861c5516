package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.recommendations.api.NearDuplicatesApi;
import org.opennrtd.recommendations.api.model.NearDuplicateComputation;
import org.opennrtd.recommendations.api.model.NearDuplicateComputationInput;
import org.opennrtd.recommendations.api.model.NearDuplicateGroup;
import org.opennrtd.recommendations.api.model.NearDuplicateGroupPage;
import org.opennrtd.recommendations.api.model.NearDuplicates;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.mapping.NearDuplicateMapper;
import org.opennrtd.recommendations.service.NearDuplicateService;

/** HTTP only: the contract's NearDuplicatesApi, mapped onto {@link NearDuplicateService}. */
public class NearDuplicateResource implements NearDuplicatesApi {

    @Inject
    NearDuplicateService service;

    @Override
    public RestResponse<NearDuplicates> listNearDuplicatesOfRecommendation(UUID id) {
        return RestResponse.ok(NearDuplicateMapper.toDto(service.of(id)));
    }

    @Override
    public RestResponse<NearDuplicateGroupPage> listNearDuplicateGroups(String country, Integer minSize, Integer offset,
            Integer limit) {
        NearDuplicateService.GroupViewPage page = service.groups(country, minSize, offset, limit);
        return RestResponse.ok(new NearDuplicateGroupPage()
                .items(page.items().stream().map(NearDuplicateMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<NearDuplicateGroup> getNearDuplicateGroup(UUID id) {
        return RestResponse.ok(NearDuplicateMapper.toDto(service.group(id)));
    }

    @Override
    public RestResponse<NearDuplicateComputation> createNearDuplicateComputation(NearDuplicateComputationInput input) {
        return RestResponse.ok(NearDuplicateMapper.toDto(service.recomputeOnRequest(input.getCountry())));
    }
}
