package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveFeed;
import io.omnirouter.history.live.application.LiveProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.omnirouter.history.shared.web.RequestParameters;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Live stream", description = "What happens, as it happens (Server-Sent Events)")
class StreamController {

    private final LiveFeed feed;
    private final LiveProperties properties;

    StreamController(LiveFeed feed, LiveProperties properties) {
        this.feed = feed;
        this.properties = properties;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: new contacts, merges, unmerges",
            description = """
                    A text/event-stream that stays open. Events: `contact` (a new contact: contactId, customerId, channel, \
                    direction, kind, occurredAt, threadKey), `merge` (mergeId, survivorId, mergedId, causeContactId, mergedAt), \
                    `unmerge` (mergeId, survivorId, restoredId); data is JSON, the event id is the contact's or the merge's. \
                    Idle streams get a comment line every 15 s (configurable). Events are not replayed: after a reconnect, \
                    reload what you show. A client that falls behind is disconnected; the stream also ends after 30 minutes \
                    (configurable) and EventSource reconnects by itself.""")
    @ApiResponse(responseCode = "200", description = "the stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "503", description = "too many open streams (problem details)")
    SseEmitter stream(@Parameter(description = "only the events concerning this customer (its contacts, its merges)",
                              schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId)
            throws IOException {
        // Strict: Spring's UUID conversion takes "1-1-1-1-1", which would open a stream of a customer no one meant.
        UUID following = RequestParameters.optionalUuid("customerId", customerId);
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        // First on the wire (before any event can be queued): the client knows at once that it is connected.
        emitter.send(SseEmitter.event().reconnectTime(properties.reconnectDelay().toMillis()).comment("connected"));
        LiveFeed.Subscription subscription = feed.subscribe(following, new SseSink(emitter));
        emitter.onCompletion(subscription::cancel);
        emitter.onError(e -> subscription.cancel());
        emitter.onTimeout(() -> {
            subscription.cancel();
            emitter.complete();
        });
        return emitter;
    }
}
