package io.omnirouter.history.presence.web;

import io.omnirouter.history.presence.application.PresenceProperties;
import io.omnirouter.history.presence.application.TrackingPresence;
import io.omnirouter.history.presence.model.Viewers;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Presence (issue 14, item 7): who else is looking at a customer right now, whichever instance they are on. Agents and
 * supervisors (security/web/SecurityConfiguration); OPS does not work customers and is refused. Not a read of the
 * customer's data (it answers agents' names only), so not in the read audit: a heartbeat every few seconds would fill it.
 */
@RestController
@RequestMapping("/api/customers/{customerId}/viewers")
@Tag(name = "Presence")
// The errors every operation here may answer (springdoc adds them to each), all problem details.
@ApiResponse(responseCode = "400", description = "a malformed customer id (problem details naming customerId)")
@ApiResponse(responseCode = "401", description = "not signed in")
@ApiResponse(responseCode = "403", description = "neither agent nor supervisor; for PUT and DELETE from the console, no CSRF token")
@ApiResponse(responseCode = "404", description = "no such customer (problem details)")
class PresenceController {

    private final TrackingPresence presence;
    private final PresenceProperties properties;

    PresenceController(TrackingPresence presence, PresenceProperties properties) {
        this.presence = presence;
        this.properties = properties;
    }

    @PutMapping("/me")
    @Operation(summary = "Heartbeat: the signed-in user is looking at the customer now (AGENT, SUPERVISOR)",
            description = "Sent by the console every heartbeatIntervalMillis while it shows the customer. Answers the other"
                    + " users whose heartbeat is at most ttlMillis old, on any instance. A customer merged into another"
                    + " counts as the survivor (customerId in the answer).")
    @ApiResponse(responseCode = "200", description = "the others looking at the customer, perhaps none")
    ViewersResponse heartbeat(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
                              Authentication user) {
        return answer(presence.heartbeat(RequestParameters.uuid("customerId", customerId), user.getName()));
    }

    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The signed-in user left the customer (AGENT, SUPERVISOR)",
            description = "Sent by the console when it shows another customer or the page is closed; without it the"
                    + " viewer disappears after the TTL. 204 also when the user was not looking.")
    @ApiResponse(responseCode = "204", description = "no longer counted as looking")
    void left(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
              Authentication user) {
        presence.left(RequestParameters.uuid("customerId", customerId), user.getName());
    }

    @GetMapping
    @Operation(summary = "Everyone looking at the customer now (AGENT, SUPERVISOR)",
            description = "The users whose heartbeat is at most ttlMillis old, on any instance, by name; a customer merged"
                    + " into another counts as the survivor.")
    @ApiResponse(responseCode = "200", description = "everyone looking at the customer, perhaps nobody")
    ViewersResponse viewers(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId) {
        return answer(presence.viewersOf(RequestParameters.uuid("customerId", customerId)));
    }

    private ViewersResponse answer(Viewers viewers) {
        return ViewersResponse.of(viewers, properties.heartbeatInterval().toMillis(), properties.ttl().toMillis());
    }
}
