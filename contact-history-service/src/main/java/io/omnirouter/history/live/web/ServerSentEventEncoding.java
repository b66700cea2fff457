package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveEventEncoding;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LiveEvent;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A change as one Server-Sent Event: its name, its position as the id, its data as compact JSON, then the blank line. */
@Component
class ServerSentEventEncoding implements LiveEventEncoding {

    private final JsonMapper json;

    ServerSentEventEncoding(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String data(LiveEvent event) {
        // Compact JSON has no line breaks (they are escaped inside strings), so it is one data field.
        return json.writeValueAsString(event.data());
    }

    @Override
    public byte[] frame(LiveChange change) {
        // Names and positions are ours (fixed words, digits): no line breaks that could split a field.
        return ("event:" + change.type() + "\nid:" + change.position() + "\ndata:" + change.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
