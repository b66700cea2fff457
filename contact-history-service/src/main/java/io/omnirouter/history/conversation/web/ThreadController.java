package io.omnirouter.history.conversation.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.conversation.application.ReadingConversations;
import io.omnirouter.history.shared.asof.PastReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Threads", description = "A customer's conversations: contacts grouped by thread key")
class ThreadController {

    private final ReadingConversations reading;
    private final PastReads pastReads;

    ThreadController(ReadingConversations reading, PastReads pastReads) {
        this.pastReads = pastReads;
        this.reading = reading;
    }

    /**
     * The thread key is the rest of the path, so that keys with '/' work unencoded; ':' and '@' may be sent as
     * they are or percent-encoded, '%' as %25 ({@code ThreadKeyFirewall}); a key with "//" or ';' cannot be addressed
     * (the firewall refuses them).
     */
    @GetMapping("/api/customers/{customerId}/threads/{*threadKey}")
    @ReadsCustomerData
    @Operation(summary = "One conversation, oldest first",
            description = "The contacts of one thread (threadKey of the timeline items, e.g. email:<message id>, chat:<session>,"
                    + " phone:<call id>, order:<order id>) with their whole texts, oldest first, with keyset cursor pagination."
                    + " A missed call's conversation also holds the callbacks that answer it (docs/callbacks.md); each keeps its own threadKey."
                    + " The id of a customer merged into another answers with the other's conversation (customerId says which).")
    @ApiResponse(responseCode = "200", description = "the conversation (a page of it)")
    @ApiResponse(responseCode = "400", description = "a malformed customer id, limit or cursor (problem details)")
    @ApiResponse(responseCode = "404", description = "no such customer, or no contact of the customer in that thread (problem details)")
    ThreadResponse thread(@Parameter(description = "the customer", schema = @Schema(type = "string", format = "uuid"))
                          @PathVariable String customerId,
                          @Parameter(description = "the thread key, percent-encoded where needed, e.g. email:abc%40example.com")
                          @PathVariable String threadKey,
                          @Parameter(description = "contacts per page (default 100, at most 500)",
                                  schema = @Schema(type = "integer", minimum = "1"))
                          @RequestParam(required = false) String limit,
                          @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
                          @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                          @RequestParam(required = false) String asOf) {
        // A capture-the-rest variable starts with the '/' before it.
        String key = threadKey.startsWith("/") ? threadKey.substring(1) : threadKey;
        UUID customer = RequestParameters.uuid("customerId", customerId);
        String thread = RequestParameters.threadKey(key);
        Integer pageSize = RequestParameters.limit(limit);
        TimelineCursor after = RequestParameters.cursor(cursor);
        return ThreadResponse.of(key, pastReads.nowOrAsOf(RequestParameters.asOf(asOf), () -> reading.page(customer, thread, pageSize, after)));
    }
}
