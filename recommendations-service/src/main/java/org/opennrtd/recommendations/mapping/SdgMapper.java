package org.opennrtd.recommendations.mapping;

import org.opennrtd.recommendations.api.model.SdgGoalLink;
import org.opennrtd.recommendations.api.model.SdgLink;
import org.opennrtd.recommendations.api.model.SdgLinkOrigin;
import org.opennrtd.recommendations.api.model.SdgSuggestion;
import org.opennrtd.recommendations.api.model.SdgSuggestionState;
import org.opennrtd.recommendations.repository.SdgRepository;
import org.opennrtd.recommendations.service.SdgService;

/** SDG links and suggestions to their DTOs. */
public final class SdgMapper {

    private SdgMapper() {
    }

    public static SdgLink toDto(SdgService.LinkView l) {
        return new SdgLink().targetCode(l.targetCode()).goal(goal(l.targetCode()))
                .origin(SdgLinkOrigin.fromValue(l.origin())).createdBy(l.createdBy()).createdAt(l.createdAt());
    }

    public static SdgGoalLink toDto(SdgService.GoalLinkView l) {
        return new SdgGoalLink().goal(l.goal()).origin(SdgLinkOrigin.fromValue(l.origin()));
    }

    public static SdgSuggestion toDto(SdgRepository.Suggestion s) {
        return new SdgSuggestion().targetCode(s.targetCode()).goal(goal(s.targetCode())).targetText(s.targetText())
                .confidence(s.confidence()).rank(s.rank()).state(SdgSuggestionState.fromValue(s.state()))
                .model(s.model()).createdAt(s.createdAt()).decidedBy(s.decidedBy()).decidedAt(s.decidedAt());
    }

    /** The goal of a target code such as 5.2 or 16.a; null when the code has no goal part. */
    static Integer goal(String targetCode) {
        int dot = targetCode.indexOf('.');
        try {
            return dot < 1 ? null : Integer.valueOf(targetCode.substring(0, dot));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
