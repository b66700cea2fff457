package io.omnirouter.history.erasure.web;

import io.omnirouter.history.erasure.application.ErasingCustomers;
import io.omnirouter.history.erasure.model.ErasedCustomer;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Erasure of a customer's personal data (docs/personal-data.md, "Erasure"): supervisors only. */
@RestController
class ErasureController {

    private final ErasingCustomers erasing;
    private final TakingActions actions;

    ErasureController(ErasingCustomers erasing, TakingActions actions) {
        this.erasing = erasing;
        this.actions = actions;
    }

    @PostMapping("/api/customers/{customerId}/erasure")
    @Operation(summary = "Erase a customer's personal data everywhere (SUPERVISOR)",
            description = "An action on agent.actions, so a rebuild respects it: the data keys of the customer's contacts are"
                    + " shredded (their records on contact.events never open again), every row of the customer is deleted,"
                    + " its open tasks are closed with reason ERASED, and an erased stub with counts per channel stays."
                    + " Erasing again answers as the first time did. docs/personal-data.md")
    @ApiResponse(responseCode = "200", description = "erased (now, or before)")
    @ApiResponse(responseCode = "202", description = "accepted, still being applied: poll the action (problem details say where)")
    @ApiResponse(responseCode = "400", description = "a malformed customer id, or no reason (problem details)")
    @ApiResponse(responseCode = "403", description = "not a supervisor")
    @ApiResponse(responseCode = "404", description = "no such customer (problem details)")
    ErasureResponse erase(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                          @PathVariable("customerId") String rawCustomerId,
                          @RequestBody(required = false) ErasureRequest request, Authentication user) {
        UUID customerId = RequestParameters.uuid("customerId", rawCustomerId);
        String reason = request == null ? null : RequestParameters.freeText("reason", request.reason());
        if (reason == null || reason.isBlank()) {
            throw InvalidRequestException.of("reason", "reason is required: why the customer is erased (for example, the"
                    + " customer's request under GDPR Art. 17)");
        }
        Optional<ErasedCustomer> before = erasing.erased(customerId);
        if (before.isPresent()) {
            return ErasureResponse.of(before.get());
        }
        actions.take(Actors.of(user), customerId, reason, new AgentAction.CustomerErased(erasing.contactsByChannel(customerId)));
        return ErasureResponse.of(erasing.erased(customerId).orElseThrow());
    }

    /** @param reason required: why (kept with the action on agent.actions) */
    record ErasureRequest(String reason) {
    }

    /**
     * @param customerId        the id asked about
     * @param erasedAs          the customer the erasure erased (this one, or the one it had been merged into)
     * @param erasedAt          when the erasure was accepted
     * @param actionId          the erasure on agent.actions
     * @param contactsByChannel how many contacts the erased customer had per channel (statistics; no personal data)
     */
    record ErasureResponse(UUID customerId, UUID erasedAs, Instant erasedAt, UUID actionId,
                           Map<String, Integer> contactsByChannel) {

        static ErasureResponse of(ErasedCustomer stub) {
            return new ErasureResponse(stub.customerId(), stub.erasedAs(), stub.erasedAt(), stub.actionId(),
                    stub.contactsByChannel());
        }
    }
}
