package io.omnirouter.history.contact.web;

import io.omnirouter.history.contact.application.ReadingTimeline;
import io.omnirouter.history.contact.model.Channel;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

    private final ReadingTimeline readingTimeline;

    TimelineController(ReadingTimeline readingTimeline) {
        this.readingTimeline = readingTimeline;
    }

    /** The customer's contacts on all channels (or one), newest first, with keyset cursor pagination. */
    @GetMapping("/api/customers/{customerId}/timeline")
    TimelineResponse timeline(@PathVariable UUID customerId,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Channel channel) {
        return TimelineResponse.of(readingTimeline.page(customerId, limit, cursor, channel));
    }
}
