package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
@RequestMapping("/api")
class AbsenceController {

    private final TakingActions actions;
    private final KeepingPromises keeping;
    private final Clock clock;

    AbsenceController(TakingActions actions, KeepingPromises keeping, Clock clock) {
        this.actions = actions;
        this.keeping = keeping;
        this.clock = clock;
    }

    /** @param current whether the absence covers now: tasks opened now are not suggested to the agent */
    record AbsenceResponse(String agentId, Instant from, Instant until, boolean current) {
    }

    /** @param absences soonest starting first */
    record Absences(List<AbsenceResponse> absences) {
    }

    /** Every absence on record, soonest starting first (the console's absences view). */
    @GetMapping("/absences")
    @Operation(summary = "Agents' absences on record, soonest starting first (SUPERVISOR)")
    @ApiResponse(responseCode = "200", description = "the absences, each marked current when it covers now")
    @ApiResponse(responseCode = "403", description = "not a supervisor (problem details)")
    Absences absences() {
        Instant now = clock.instant();
        return new Absences(keeping.absences().stream()
                .map(absence -> new AbsenceResponse(absence.agentId(), absence.from(), absence.until(), absence.covers(now))).toList());
    }

    /** @param reason optional: why */
    record Absence(Instant from, Instant until, String reason) {
    }

    /** 204 once applied; 400 without a range; 202 with where to poll if applying takes longer than the API waits. */
    @PutMapping("/agents/{agentId}/absence")
    @Operation(summary = "Mark an agent absent from..until: tasks opened meanwhile are not suggested to them (SUPERVISOR)")
    @ApiResponse(responseCode = "204", description = "applied")
    @ApiResponse(responseCode = "202", description = "accepted, not yet applied: poll the Location (the action)")
    @ApiResponse(responseCode = "400", description = "no agent, or no range with from before until (problem details)")
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
    @DeleteMapping("/agents/{agentId}/absence")
    @Operation(summary = "End an agent's absence (SUPERVISOR)")
    @ApiResponse(responseCode = "204", description = "applied")
    @ApiResponse(responseCode = "202", description = "accepted, not yet applied: poll the Location (the action)")
    @ApiResponse(responseCode = "404", description = "the agent has no absence (problem details)")
    ResponseEntity<Void> clear(@PathVariable String agentId, Authentication user) {
        actions.take(Actors.of(user), null, null, new AgentAction.AbsenceEnded(RequestParameters.requiredText("agentId", agentId)));
        return ResponseEntity.noContent().build();
    }
}
