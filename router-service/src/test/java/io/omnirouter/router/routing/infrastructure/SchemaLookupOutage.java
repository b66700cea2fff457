package io.omnirouter.router.routing.infrastructure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass-through HTTP proxy in front of the real test registry that, during an outage, answers schema look-ups
 * by id ({@code GET …/schemas/ids/{id}}, what decoding a record needs) with 503 as an unavailable registry would,
 * while registrations still pass (so a router can start through it).
 */
final class SchemaLookupOutage implements AutoCloseable {

    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept", "Authorization");

    private final URI registry;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refusedLookups = new AtomicInteger();

    private SchemaLookupOutage(URI registry) throws IOException {
        this.registry = registry;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static SchemaLookupOutage inFrontOf(String registryUrl) {
        try {
            return new SchemaLookupOutage(URI.create(registryUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's URL through the proxy: same path, the proxy's port. */
    String url() {
        return "http://localhost:" + server.getAddress().getPort() + registry.getPath();
    }

    void begin() {
        down.set(true);
    }

    void end() {
        down.set(false);
    }

    int refusedLookups() {
        return refusedLookups.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            if (down.get() && exchange.getRequestURI().getPath().contains("/schemas/ids/")) {
                refusedLookups.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(registry.resolve(pathAndQuery))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
