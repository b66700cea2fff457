package io.omnirouter.history.live;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.live.application.LiveChangeLog;
import io.omnirouter.history.live.application.LiveEventEncoding;
import io.omnirouter.history.live.application.LiveFeed;
import io.omnirouter.history.live.model.LiveEvent;
import io.omnirouter.history.live.model.LiveEvents;
import io.omnirouter.history.live.model.LiveEvents.ContactData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Issue 10, "500 concurrent SSE clients that never read": raw sockets that send the request and never read a byte,
 * while the feed carries a steady flow of events to every stream, must neither hold up a client that reads nor stay
 * connected. The test configuration bounds the kernel's send buffer (omnirouter.api.socket-send-buffer) and the send
 * timeout (omnirouter.live.send-timeout) so that the stalls come within seconds; the non-reading sockets take 4 KB.
 */
class StalledStreamClientsIT extends HistoryIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(StalledStreamClientsIT.class);
    private static final int NON_READING = 500;
    /** Events per second to every stream of all customers: each of them ~300 bytes. */
    private static final int FLOOD_PER_SECOND = 200;
    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

    @Autowired
    private LiveFeed feed;
    @Autowired
    private LiveChangeLog changes;
    @Autowired
    private LiveEventEncoding encoding;
    @Autowired
    private MeterRegistry meters;
    @LocalServerPort
    private int port;
    @Autowired
    private WebServerApplicationContext webServer;

    @Test
    void fiveHundredClientsThatNeverReadNeitherSlowAReadingClientNorStayConnected() throws Exception {
        String address = "reader-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).build());
        String customerId = awaitCustomer("email", address);
        int before = feed.size();
        double stallsBefore = meters.counter("omnirouter.live.stalls").count();

        List<Socket> nonReading = new ArrayList<>();
        ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
        UUID floodCustomer = UUID.randomUUID();
        try (EventStreamClient reading = new EventStreamClient(httpClient(), request("/api/stream?customerId=" + customerId, "agent")
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE).build())) {
            reading.awaitConnected();
            // Its usual time: from Kafka through the store to the stream, with nothing else going on.
            long usual = latencyOfANewContact(reading, address, 0);

            long connectionsBefore = openConnections();
            for (int i = 0; i < NON_READING; i++) {
                nonReading.add(nonReadingStream());
            }
            await().atMost(PATIENCE).until(() -> feed.size() == before + 1 + NON_READING);

            // Events for someone else on every stream of all customers (the 500): straight into the change log, which
            // is what the ingest's commits do, at a rate that fills 500 connections in seconds.
            flood.scheduleAtFixedRate(() -> {
                List<LiveChangeLog.Entry> entries = new ArrayList<>();
                for (int i = 0; i < FLOOD_PER_SECOND / 20; i++) {
                    LiveEvent event = LiveEvents.contact(new ContactData(UUID.randomUUID(), floodCustomer, "EMAIL", "INBOUND", "EMAIL",
                            Instant.now(), "email:flood-" + UUID.randomUUID()));
                    entries.add(new LiveChangeLog.Entry(event.type(), event.customerIds(), encoding.data(event)));
                }
                changes.append(entries);
            }, 0, 50, TimeUnit.MILLISECONDS);

            // While the 500 fill up, stall and are disconnected, the reading client's contacts keep arriving.
            List<Long> whileStalled = new ArrayList<>();
            for (int i = 1; feed.size() > before + 1 || i <= 3; i++) {
                whileStalled.add(latencyOfANewContact(reading, address, i));
                assertThat(i).as("the non-reading streams are still open after %d contacts", i).isLessThan(60);
            }
            long disconnectedAfter = System.nanoTime();
            log.info("Reading client: usual latency {} ms; while {} clients stalled: {} ms", usual, NON_READING, whileStalled);

            assertThat(feed.size()).isEqualTo(before + 1);
            assertThat(meters.counter("omnirouter.live.stalls").count() - stallsBefore).isEqualTo(NON_READING);
            // Within its usual time: at most 1.5 s above the latency without the 500, a margin for a busy 2-core machine
            // (a blocked sender would make it the 60 s of Tomcat's write timeout).
            assertThat(whileStalled).allSatisfy(latency -> assertThat(latency).isLessThan(usual + 1500));

            // The service's side: Tomcat closed the 500 connections, within its connection timeout (3 s in the tests)
            // of flushing what the clients would not take, not its default 60 s. (Seen from the client sockets the end
            // comes later: the closed connections' kernel buffers still hold bytes that wait for the clients to read,
            // and a 4 KB receive window on loopback reopens only at the kernel's zero-window probes, seconds apart.)
            await().atMost(Duration.ofSeconds(45)).until(() -> openConnections() <= connectionsBefore);
            log.info("Tomcat closed all {} non-reading connections {} ms after the last stream was dropped", NON_READING,
                    Duration.ofNanos(System.nanoTime() - disconnectedAfter).toMillis());
        } finally {
            flood.shutdownNow();
            for (Socket socket : nonReading) {
                socket.close();
            }
        }
    }

    /** Publishes a contact of the reading client's customer; milliseconds until its event arrived on the stream. */
    private long latencyOfANewContact(EventStreamClient reading, String address, int n) {
        ContactEvent contact = contact(Channel.CHAT, T0.plusSeconds(60L * (n + 1))).setIdentifiers(email(address)).build();
        long sent = System.nanoTime();
        publish(contact);
        await().atMost(PATIENCE).until(() -> reading.arrivalOf(contact.getContactId()) != null);
        return Duration.ofNanos(reading.arrivalOf(contact.getContactId()) - sent).toMillis();
    }

    /** A stream of all customers whose client sends the request and then reads nothing, with a 4 KB receive buffer. */
    private Socket nonReadingStream() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        String credentials = Base64.getEncoder().encodeToString(("agent:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Connections Tomcat holds open (HTTP clients of the tests, keep-alive connections, streams). */
    private long openConnections() {
        TomcatWebServer server = (TomcatWebServer) webServer.getWebServer();
        return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getConnectionCount();
    }
}
