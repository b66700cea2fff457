package io.omnirouter.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A client of a history instance's live stream ({@code GET /api/stream}): reads it in the background and parses its events. */
final class LiveStreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    LiveStreamClient(HttpClient client, HttpRequest request) {
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> open = response.join();
                if (open.statusCode() == 200) {
                    open.body().forEach(lines::add);
                }
            } catch (RuntimeException e) {
                // The instance is gone, or the test closed the stream.
            } finally {
                ended = true;
            }
        }, "system-test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    boolean connected() {
        return lines.contains(":connected");
    }

    /** Whether the stream ended (the instance went away, say). */
    boolean ended() {
        return ended;
    }

    /** The events so far: each its fields ({@code event}, {@code id}, {@code data}); id-only messages are not events. */
    List<Map<String, String>> events() {
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> event = new LinkedHashMap<>();
        for (String line : List.copyOf(lines)) {
            if (line.isEmpty()) {
                if (event.containsKey("event")) {
                    events.add(event);
                }
                event = new LinkedHashMap<>();
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                event.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return events;
    }

    /** The data of the events of one type, in the order they came. */
    List<JsonNode> data(String type) {
        return events().stream().filter(e -> type.equals(e.get("event"))).map(e -> {
            try {
                return JSON.readTree(e.get("data"));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }).toList();
    }

    /** The last id received: what EventSource sends as Last-Event-ID when it reconnects. */
    String lastEventId() {
        return lines.stream().filter(line -> line.startsWith("id:")).reduce((first, second) -> second).map(line -> line.substring(3))
                .orElse(null);
    }

    @Override
    public void close() {
        response.thenAccept(open -> open.body().close());
    }
}
