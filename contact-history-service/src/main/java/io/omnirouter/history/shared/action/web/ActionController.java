package io.omnirouter.history.shared.action.web;

import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.ActionOutcome;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a client polls an action that was answered with 202 (accepted, not applied within the API's wait). */
@RestController
class ActionController {

    private final TakingActions actions;

    ActionController(TakingActions actions) {
        this.actions = actions;
    }

    /**
     * @param refusal for REFUSED: the problem the action was refused with
     */
    record ActionResponse(UUID actionId, ActionOutcome.Status status, ActionOutcome.Refusal refusal) {

        static ActionResponse of(ActionOutcome outcome) {
            return new ActionResponse(outcome.actionId(), outcome.status(), outcome.refusal());
        }
    }

    @GetMapping("/api/actions/{actionId}")
    @Operation(summary = "An action's outcome: PENDING, APPLIED, or REFUSED with its problem",
            description = "Same answer on every instance (kept in the database). 404 for an id no action was accepted with.")
    ActionResponse action(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String actionId) {
        UUID id = RequestParameters.uuid("actionId", actionId);
        return ActionResponse.of(actions.outcome(id).orElseThrow(() -> new ActionNotFoundException(id)));
    }
}
