package io.omnirouter.history.customer.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.customer.application.ClearingSharedIdentifiers;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.customer.application.UnmergingCustomers;
import io.omnirouter.history.customer.application.UnmergingCustomers.Unmerged;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.web.RequestParameters;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final LookingUpCustomers lookingUp;
    private final UnmergingCustomers unmerging;
    private final ClearingSharedIdentifiers clearing;
    private final TakingActions actions;
    private final IdentifierNormalizer normalizer;
    private final PastReads pastReads;
    private final Clock clock;

    CustomerController(LookingUpCustomers lookingUp, UnmergingCustomers unmerging, ClearingSharedIdentifiers clearing,
                       TakingActions actions, IdentifierNormalizer normalizer, PastReads pastReads, Clock clock) {
        this.lookingUp = lookingUp;
        this.unmerging = unmerging;
        this.clearing = clearing;
        this.actions = actions;
        this.normalizer = normalizer;
        this.pastReads = pastReads;
        this.clock = clock;
    }

    /**
     * The customer owning an identifier given raw, as an agent would type it; exactly one parameter, named after its
     * type ({@link Identifier#fieldName}).
     */
    @GetMapping("/lookup")
    @ReadsCustomerData
    CustomerResponse lookup(@Parameter(description = "a phone number, national (default region) or international, e.g. 041 123 456")
                            @RequestParam(required = false) String phone,
                            @Parameter(description = "an e-mail address, any case, e.g. Ana.Novak@example.com")
                            @RequestParam(required = false) String email,
                            @Parameter(description = "the web shop's customer id")
                            @RequestParam(required = false) String shopCustomerId,
                            @Parameter(description = "the chat's visitor id")
                            @RequestParam(required = false) String chatVisitorId,
                            @Parameter(description = "a social handle, '<platform>:<handle>' (any case, '@' optional), e.g. "
                                    + "instagram:ana.novak or whatsapp:38641123456")
                            @RequestParam(required = false) String socialHandle) {
        Map<IdentifierType, String> raw = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : IdentifierType.values()) {
            String value = switch (type) {
                case PHONE -> phone;
                case EMAIL -> email;
                case SHOP_CUSTOMER_ID -> shopCustomerId;
                case CHAT_VISITOR_ID -> chatVisitorId;
                case SOCIAL_HANDLE -> socialHandle;
            };
            if (value != null) {
                raw.put(type, value);
            }
        }
        if (raw.size() != 1) {
            throw new InvalidRequestException("exactly one of the parameters "
                    + Arrays.stream(IdentifierType.values()).map(Identifier::fieldName).collect(Collectors.joining(", "))
                    + " is required, got " + raw.size());
        }
        Map.Entry<IdentifierType, String> given = raw.entrySet().iterator().next();
        IdentifierType type = given.getKey();
        String normalized = RequestParameters.identifier(normalizer, Identifier.fieldName(type), type, given.getValue());
        return lookingUp.byNormalizedIdentifier(type, normalized)
                .map(CustomerResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer has that identifier"));
    }

    /**
     * The customer's profile with its merge lineage. The id of a customer that was merged into another
     * answers with the other's profile (its {@code customerId} differs from the one asked for, and
     * {@code Content-Location} names it), so ids handed out before a merge keep working.
     */
    @GetMapping("/{customerId}")
    @ReadsCustomerData
    ResponseEntity<CustomerResponse> profile(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                                             @PathVariable("customerId") String rawCustomerId,
                                             @Parameter(description = "answer as the API would have at this past instant (ISO-8601, e.g. 2026-12-02T10:32:00Z; docs/as-of.md)")
                                             @RequestParam(required = false) String asOf) {
        UUID customerId = RequestParameters.uuid("customerId", rawCustomerId);
        CustomerResponse profile = CustomerResponse.of(pastReads.nowOrAsOf(RequestParameters.asOf(asOf), () -> lookingUp.profile(customerId)));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!profile.customerId().equals(customerId)) {
            response.header(HttpHeaders.CONTENT_LOCATION, "/api/customers/" + profile.customerId());
        }
        return response.body(profile);
    }

    /**
     * Undoes one merge of the customer's lineage (role SUPERVISOR; an action on agent.actions): once applied, both
     * customers as if the link never happened; 404 unknown customer or merge, 409 undone before, 202 with where to
     * poll if applying takes longer than the API waits.
     */
    @PostMapping("/{customerId}/unmerge")
    UnmergeResponse unmerge(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                            @PathVariable("customerId") String rawCustomerId, @RequestBody UnmergeRequest request, Authentication user) {
        UUID customerId = RequestParameters.uuid("customerId", rawCustomerId);
        if (request == null || request.mergeId() == null) {
            throw InvalidRequestException.of("mergeId", "mergeId is required");
        }
        String reason = RequestParameters.freeText("reason", request.reason());
        unmerging.checkUndoable(customerId, request.mergeId());
        actions.take(Actors.of(user), customerId, reason, new AgentAction.MergeUndone(request.mergeId()));
        Unmerged unmerged = unmerging.afterUnmerge(request.mergeId());
        return new UnmergeResponse(request.mergeId(), CustomerResponse.of(unmerged.survivor()), CustomerResponse.of(unmerged.restored()));
    }

    /**
     * The two customers undoing the merge would produce (role SUPERVISOR), changing nothing: what the console shows
     * before the supervisor confirms. 404 unknown customer or merge, 409 undone before.
     */
    @GetMapping("/{customerId}/merges/{mergeId}/unmerge-preview")
    @ReadsCustomerData
    @Operation(summary = "Preview an unmerge: both customers as undoing the merge now would leave them; nothing changes (SUPERVISOR)")
    @ApiResponse(responseCode = "200", description = "the survivor and the restored customer, as they would be")
    @ApiResponse(responseCode = "400", description = "a customer or merge id that is not a UUID (problem details)")
    @ApiResponse(responseCode = "404", description = "no such customer, or no such merge of it (problem details)")
    @ApiResponse(responseCode = "409", description = "the merge was undone before (problem details)")
    UnmergeResponse unmergePreview(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                                   @PathVariable("customerId") String rawCustomerId,
                                   @Parameter(schema = @Schema(type = "string", format = "uuid"))
                                   @PathVariable("mergeId") String rawMergeId, Authentication user) {
        UUID customerId = RequestParameters.uuid("customerId", rawCustomerId);
        UUID mergeId = RequestParameters.uuid("mergeId", rawMergeId);
        Unmerged unmerged = unmerging.preview(customerId, mergeId, user.getName(), clock.instant());
        return new UnmergeResponse(mergeId, CustomerResponse.of(unmerged.survivor()), CustomerResponse.of(unmerged.restored()));
    }

    /**
     * @param mergeId one of the customer's standing merges (see {@code merges} in its profile)
     * @param reason  optional: why
     */
    record UnmergeRequest(UUID mergeId, String reason) {
    }

    /**
     * @param survivor the customer the merge had gone into, without what came with the merged one
     * @param restored the merged customer, again a customer in its own right with its own contacts
     */
    record UnmergeResponse(UUID mergeId, CustomerResponse survivor, CustomerResponse restored) implements AboutCustomers {

        /** A preview or an unmerge read both customers. */
        @Override
        public Collection<UUID> customersRead() {
            return List.of(survivor.customerId(), restored.customerId());
        }
    }

    /**
     * Clears one of the customer's shared identifiers (role SUPERVISOR; an action on agent.actions): from then on it
     * links contacts again, unless the merge protection marks it shared again. Answers the customer once applied; 400
     * for an unknown type or a value that does not normalize, 404 unknown customer or an identifier it does not hold,
     * 409 not shared, 202 with where to poll if applying takes longer than the API waits.
     */
    @PostMapping("/{customerId}/clear-shared-identifier")
    CustomerResponse clearSharedIdentifier(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                                           @PathVariable("customerId") String rawCustomerId,
                                           @RequestBody ClearSharedIdentifierRequest request, Authentication user) {
        UUID customerId = RequestParameters.uuid("customerId", rawCustomerId);
        if (request == null || request.type() == null) {
            throw InvalidRequestException.of("type", "type is required: one of " + Arrays.toString(IdentifierType.values()));
        }
        if (request.value() == null) {
            throw InvalidRequestException.of("value", "value is required");
        }
        Identifier identifier = new Identifier(request.type(),
                RequestParameters.identifier(normalizer, "value", request.type(), request.value()));
        String reason = RequestParameters.freeText("reason", request.reason());
        clearing.checkClearable(customerId, identifier);
        actions.take(Actors.of(user), customerId, reason, new AgentAction.SharedIdentifierCleared(identifier.type(), identifier.value()));
        return CustomerResponse.of(lookingUp.profile(customerId));
    }

    /**
     * @param type   the identifier's type
     * @param value  as an agent would type it; normalized as by {@code /lookup}
     * @param reason optional: why
     */
    record ClearSharedIdentifierRequest(IdentifierType type, String value, String reason) {
    }
}
