package io.omnirouter.history.live.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.live.application.LiveFeed;
import io.omnirouter.history.live.application.LiveProperties;
import io.omnirouter.history.live.application.MissedChanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.omnirouter.history.shared.web.RequestParameters;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Live stream", description = "What happens, as it happens (Server-Sent Events)")
class StreamController {

    private final LiveFeed feed;
    private final LiveProperties properties;
    private final MissedChanges missed;

    StreamController(LiveFeed feed, LiveProperties properties, MissedChanges missed) {
        this.feed = feed;
        this.properties = properties;
        this.missed = missed;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ReadsCustomerData
    @Operation(summary = "Server-sent events: new contacts, merges, unmerges, task versions, settled actions",
            description = """
                    A text/event-stream that stays open, the same from every instance: each change, whichever instance \
                    made it, in one order. Events: `contact` (contactId, customerId, channel, direction, kind, occurredAt, \
                    threadKey), `merge` (mergeId, survivorId, mergedId, causeContactId, mergedAt), `unmerge` (mergeId, \
                    survivorId, restoredId), `task` (taskId, version, customerId, type, status, queue, escalationTier, \
                    dueAt), `action` (actionId, customerId, kind, status: APPLIED or REFUSED); data is JSON. The event id \
                    is the change's position: reconnecting with `Last-Event-ID` (EventSource sends it by itself) resumes \
                    after it with nothing missed and nothing twice, on any instance, for 15 minutes (configurable). Where \
                    that cannot be (the id is older, unknown, or more than 10,000 changes were missed), the stream first \
                    sends `resync` (reason): reload what you show. Idle streams get a comment line every 15 s. A client \
                    whose connection takes nothing for 10 s (it stopped reading) or that falls 10,000 events behind is \
                    disconnected; the stream also ends after 30 minutes; all configurable.""")
    @ApiResponse(responseCode = "200", description = "the stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "503", description = "too many open streams (problem details)")
    void stream(@Parameter(description = "only the events concerning this customer (its contacts, its merges)",
                        schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId,
                @Parameter(description = "the id of the last event received: the stream resumes after it")
                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        UUID following = RequestParameters.optionalUuid("customerId", customerId);
        NonBlockingSseSink sink = new NonBlockingSseSink(properties.reconnectDelay());
        // Before the response is started: too many streams is still a 503 problem.
        LiveFeed.Subscription subscription = lastEventId == null ? feed.subscribe(following, sink)
                : feed.resume(following, sink, lastEventId, missed);
        try {
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
            // Proxies that buffer responses (nginx) would hold the events back.
            response.setHeader("X-Accel-Buffering", "no");
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(properties.streamTimeout().toMillis());
            async.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    subscription.cancel();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    // The stream's time is up: the client reconnects (EventSource does by itself).
                    subscription.cancel();
                    sink.close();
                }

                @Override
                public void onError(AsyncEvent event) {
                    subscription.cancel();
                    sink.close();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            // Written by the feed's sender threads without blocking (see NonBlockingSseSink), not by Spring MVC's
            // SseEmitter, whose writes block a thread for as long as a client does not read.
            sink.attach(async, response.getOutputStream(), subscription.startsAfter());
        } catch (IOException | RuntimeException e) {
            subscription.cancel();
            throw e;
        }
    }
}
