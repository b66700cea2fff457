package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveSink;
import io.omnirouter.history.live.model.LiveEvent;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A live-stream client behind a Server-Sent Events response. */
final class SseSink implements LiveSink {

    private final SseEmitter emitter;

    SseSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(List<LiveEvent> events) throws IOException {
        // One write and one flush for all of them: a stream of all customers gets an ingest batch's events at once.
        // DataWithMediaType keeps identity equality, so the set holds every part of every event, in order.
        Set<ResponseBodyEmitter.DataWithMediaType> parts = new LinkedHashSet<>();
        for (LiveEvent event : events) {
            parts.addAll(SseEmitter.event().name(event.type()).id(event.id()).data(event.data(), MediaType.APPLICATION_JSON).build());
        }
        emitter.send(parts);
    }

    @Override
    public void keepAlive() throws IOException {
        emitter.send(SseEmitter.event().comment("keep-alive"));
    }

    @Override
    public void close() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // Completed already, or the connection is gone: either way the stream is over.
        }
    }
}
