package org.opennrtd.recommendations.mapping;

import java.util.ArrayList;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.NearDuplicateComputation;
import org.opennrtd.recommendations.api.model.NearDuplicateGroup;
import org.opennrtd.recommendations.api.model.NearDuplicateMember;
import org.opennrtd.recommendations.api.model.NearDuplicates;
import org.opennrtd.recommendations.repository.NearDuplicateRepository;
import org.opennrtd.recommendations.service.NearDuplicateService;

/** Near-duplicate groups to the contract's DTOs. */
public final class NearDuplicateMapper {

    private NearDuplicateMapper() {
    }

    public static NearDuplicateGroup toDto(NearDuplicateService.GroupView view) {
        NearDuplicateRepository.Group g = view.group();
        String representativeText = view.members().stream()
                .filter(m -> m.recommendationId().equals(g.representativeId()))
                .map(NearDuplicateRepository.MemberView::text).findFirst().orElse("");
        return new NearDuplicateGroup().id(g.id()).country(g.country()).size(g.size()).cohesion(g.cohesion())
                .representativeId(g.representativeId()).representativeText(representativeText)
                .members(view.members().stream().map(NearDuplicateMapper::toDto).toList());
    }

    public static NearDuplicates toDto(NearDuplicateService.NearDuplicates n) {
        return new NearDuplicates().recommendationId(n.recommendationId()).groupId(n.groupId())
                .items(n.items().stream().map(NearDuplicateMapper::toDto).toList());
    }

    public static NearDuplicateMember toDto(NearDuplicateRepository.MemberView m) {
        return new NearDuplicateMember().recommendationId(m.recommendationId()).score(m.score()).text(m.text())
                .mechanism(Mechanism.fromValue(m.mechanism())).body(m.body()).documentSymbol(m.documentSymbol())
                .paragraph(m.paragraph()).uprCycle(m.uprCycle()).recommendingStates(new ArrayList<>(m.recommendingStates()));
    }

    public static NearDuplicateComputation toDto(NearDuplicateRepository.Run run) {
        return new NearDuplicateComputation().country(run.country()).recommendations(run.recommendations())
                .groups(run.groups()).threshold(run.threshold()).computedAt(run.computedAt()).durationMs(run.durationMs());
    }
}
