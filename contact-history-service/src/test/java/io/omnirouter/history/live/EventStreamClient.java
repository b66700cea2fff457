package io.omnirouter.history.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** A client of the live stream: reads it line by line in the background (as fast as it comes) and parses its events. */
final class EventStreamClient implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** When each line arrived (System.nanoTime()), index for index with {@link #lines}. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Thread reader;

    EventStreamClient(HttpClient client, HttpRequest request) {
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> open = response.join();
                assertThat(open.statusCode()).isEqualTo(200);
                open.body().forEach(line -> {
                    arrivals.add(System.nanoTime());
                    lines.add(line);
                });
            } catch (RuntimeException e) {
                // Closed by the test.
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void awaitConnected() {
        await().atMost(PATIENCE).until(() -> lines.contains(":connected"));
    }

    /** Keep-alive comments received so far. */
    long keepAlives() {
        return lines.stream().filter(":keep-alive"::equals).count();
    }

    List<Map<String, String>> events() {
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> event = new LinkedHashMap<>();
        List<String> seen = List.copyOf(lines);
        for (int i = 0; i < seen.size(); i++) {
            String line = seen.get(i);
            if (line.isEmpty()) {
                if (event.containsKey("event")) {
                    event.put("arrivedAtNanos", String.valueOf(arrivals.get(i)));
                    events.add(event);
                }
                event = new LinkedHashMap<>();
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                event.merge(line.substring(0, colon), line.substring(colon + 1), (a, b) -> a + "\n" + b);
            }
        }
        return events;
    }

    List<Map<String, String>> events(String type) {
        return events().stream().filter(e -> type.equals(e.get("event"))).toList();
    }

    /** The contacts of the {@code contact} events so far, in the order they came. */
    List<String> contactIds() {
        return events("contact").stream().map(EventStreamClient::contactIdOf).toList();
    }

    /** When the contact's event arrived (System.nanoTime()), or null if it has not. */
    Long arrivalOf(String contactId) {
        return events("contact").stream().filter(e -> contactId.equals(contactIdOf(e))).findFirst()
                .map(e -> Long.parseLong(e.get("arrivedAtNanos"))).orElse(null);
    }

    /**
     * The last id received (an event's, or the position the stream started after): what EventSource sends back as
     * Last-Event-ID when it reconnects.
     */
    String lastEventId() {
        return lines.stream().filter(line -> line.startsWith("id:")).reduce((first, second) -> second).map(line -> line.substring(3))
                .orElse(null);
    }

    private static String contactIdOf(Map<String, String> event) {
        return JSON.readTree(event.get("data")).get("contactId").asString();
    }

    @Override
    public void close() {
        response.thenAccept(open -> open.body().close());
        reader.interrupt();
    }
}
