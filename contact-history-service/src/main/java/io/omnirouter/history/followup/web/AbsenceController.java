package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.web.RequestParameters;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents' absences (handler continuity: tasks are not suggested to an absent agent), each an action on agent.actions.
 * Supervisors only (security configuration).
 */
@RestController
@RequestMapping("/api/agents/{agentId}/absence")
class AbsenceController {

    private final TakingActions actions;

    AbsenceController(TakingActions actions) {
        this.actions = actions;
    }

    /** @param reason optional: why */
    record Absence(Instant from, Instant until, String reason) {
    }

    /** 204 once applied; 400 without a range; 202 with where to poll if applying takes longer than the API waits. */
    @PutMapping
    ResponseEntity<Void> markAbsent(@PathVariable String agentId, @RequestBody Absence absence, Authentication user) {
        String agent = RequestParameters.requiredText("agentId", agentId);
        Instant from = RequestParameters.instant("from", absence == null ? null : absence.from());
        Instant until = RequestParameters.instant("until", absence == null ? null : absence.until());
        KeepingPromises.checkAbsence(from, until);
        actions.take(Actors.of(user), null, RequestParameters.freeText("reason", absence == null ? null : absence.reason()),
                new AgentAction.AbsenceSet(agent, from, until));
        return ResponseEntity.noContent().build();
    }

    /** 204 once applied; 404 if the agent has none. */
    @DeleteMapping
    ResponseEntity<Void> clear(@PathVariable String agentId, Authentication user) {
        actions.take(Actors.of(user), null, null, new AgentAction.AbsenceEnded(RequestParameters.requiredText("agentId", agentId)));
        return ResponseEntity.noContent().build();
    }
}
