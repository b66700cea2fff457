package io.omnirouter.history.contact.web;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.contact.application.ReadingTimeline;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineFilter;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

    private final ReadingTimeline readingTimeline;
    private final PastReads pastReads;

    TimelineController(ReadingTimeline readingTimeline, PastReads pastReads) {
        this.pastReads = pastReads;
        this.readingTimeline = readingTimeline;
    }

    /**
     * The customer's contacts on all channels (or those of one channel, direction or intent), newest first, with keyset cursor pagination. Parameters
     * arrive as text and are read by {@link RequestParameters}, so that every malformed one is a 400 naming it.
     */
    @GetMapping("/api/customers/{customerId}/timeline")
    @ReadsCustomerData
    TimelineResponse timeline(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
                              @Parameter(description = "entries per page (default 50, at most 200)",
                                      schema = @Schema(type = "integer", minimum = "1"))
                              @RequestParam(required = false) String limit,
                              @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
                              @Parameter(description = "only this channel (case-insensitive)", schema = @Schema(implementation = Channel.class))
                              @RequestParam(required = false) String channel,
                              @Parameter(description = "only this direction (case-insensitive)", schema = @Schema(implementation = Direction.class))
                              @RequestParam(required = false) String direction,
                              @Parameter(description = "only this intent (case-insensitive)", schema = @Schema(implementation = Intent.class))
                              @RequestParam(required = false) String intent,
                              @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                              @RequestParam(required = false) String asOf) {
        UUID customer = RequestParameters.uuid("customerId", customerId);
        Integer pageSize = RequestParameters.limit(limit);
        TimelineCursor after = RequestParameters.cursor(cursor);
        TimelineFilter filter = TimelineFilter.of(RequestParameters.oneOf("channel", channel, Channel.class),
                RequestParameters.oneOf("direction", direction, Direction.class),
                RequestParameters.oneOf("intent", intent, Intent.class));
        return TimelineResponse.of(pastReads.nowOrAsOf(RequestParameters.asOf(asOf), () -> readingTimeline.page(customer, pageSize, after, filter)));
    }

    /** The values each timeline filter takes, as the API reads them. */
    record TimelineFilters(List<Channel> channel, List<Direction> direction, List<Intent> intent) {
    }

    /** The console fills its filter lists from this, so that a new channel, direction or intent is declared once: its enum. */
    @GetMapping("/api/timeline/filters")
    @Operation(summary = "The values of the timeline's channel, direction and intent filters")
    TimelineFilters filters() {
        return new TimelineFilters(Arrays.asList(Channel.values()), Arrays.asList(Direction.values()), Arrays.asList(Intent.values()));
    }
}
