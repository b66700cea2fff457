package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveEventEncoding;
import io.omnirouter.history.live.model.LiveEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** An event as one Server-Sent Event: its name, its id and its data as compact JSON, then the blank line. */
@Component
class ServerSentEventEncoding implements LiveEventEncoding {

    private final JsonMapper json;

    ServerSentEventEncoding(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] encode(LiveEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        // Ids and names are ours (UUIDs, fixed words): no line breaks that could split a field.
        bytes.writeBytes(("event:" + event.type() + "\nid:" + event.id() + "\ndata:").getBytes(StandardCharsets.UTF_8));
        // Compact JSON has no line breaks either (they are escaped inside strings).
        bytes.writeBytes(json.writeValueAsBytes(event.data()));
        bytes.write('\n');
        bytes.write('\n');
        return bytes.toByteArray();
    }
}
