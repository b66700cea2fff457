package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveSink;
import io.omnirouter.history.live.model.LiveEvent;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A live-stream client behind a Server-Sent Events response. */
final class SseSink implements LiveSink {

    private final SseEmitter emitter;

    SseSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(LiveEvent event) throws IOException {
        emitter.send(SseEmitter.event().name(event.type()).id(event.id()).data(event.data(), MediaType.APPLICATION_JSON));
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
