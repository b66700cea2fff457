package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.ServiceProcess;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No personal data in the services' logs at INFO or above: one person's story on all four channels, an agent's
 * lookups, reads and note, and records the router refuses, while every line both services log is captured. None of
 * the story's identifiers, names or texts may appear in a line at INFO, WARN or ERROR (a stack trace belongs to the
 * line it follows).
 */
@WithRealInfrastructure
class PersonalDataInLogsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Spring Boot's console format: timestamp, then the level. */
    private static final Pattern ENTRY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s");

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ConfluentAvroSerializer<SpecificRecord> serializer =
            new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true);

    @Test
    void noIdentifierNameOrTextOfAStoryAppearsInEitherServicesLogAtInfoOrAbove() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String digits = String.format(Locale.ROOT, "%06d", Math.floorMod(run.hashCode(), 1_000_000));
        String email = "zofija.qwertz." + run + "@example.com";
        String phoneAsWritten = "041 " + digits.substring(0, 3) + " " + digits.substring(3);
        String phone = "+38641" + digits;
        String name = "Zofija Qwertz-" + run;
        String visitor = "visitor-" + run;
        String shopAccount = "C-" + run;
        String order = "O-" + run;
        String subject = "Parcel " + run + " is late";
        String mailText = "My passport number is PX" + run + ", please hurry";
        String chatText = "Complaint from flat 7, Ulica " + run;
        String callNotes = "Called about invoice INV" + run;
        String reviewText = "Great shoes, size " + run;
        String attachment = "passport-" + run + ".pdf";
        String noteText = "Prefers calls after five, code " + run;
        String badAddress = "zofija-" + run + " at example";
        // No digit in it: a phone number parser reads any run of digits in a text as a number.
        String badPhone = "call me back, " + run.replaceAll("[0-9]", "x");
        List<String> personal = List.of(email, phone, phoneAsWritten, name, visitor, shopAccount, order, subject, mailText,
                chatText, callNotes, reviewText, attachment, noteText, badAddress, badPhone, "PX" + run, "INV" + run);

        Map<ServiceProcess, Long> logStart = Map.of(services.router(), size(services.router()), services.history(), size(services.history()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CustomerRef zofija = CustomerRef.newBuilder().setEmail(email).setPhone(phoneAsWritten).setName(name).setLanguage("sl").build();
        publish(ContractTopic.EMAIL, "<pd-" + run + "@mail>", new EmailEvent(meta("pd-mail-" + run, now.minusSeconds(40)), "<pd-" + run + "@mail>",
                null, List.of(), Direction.INBOUND, zofija, null, subject, mailText, List.of(attachment), null));
        publish(ContractTopic.PHONE, "pd-call-" + run, new PhoneCallEvent(meta("pd-call-" + run, now.minusSeconds(30)), "pd-call-" + run,
                Direction.INBOUND, zofija, CallOutcome.ANSWERED, "agent-7", "support", 120, callNotes, null));
        publish(ContractTopic.CHAT, "pd-chat-" + run, new ChatEvent(meta("pd-chat-" + run, now.minusSeconds(20)), "pd-chat-" + run,
                ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER,
                CustomerRef.newBuilder().setEmail(email).setChatVisitorId(visitor).setName(name).build(), null, chatText, null, null));
        publish(ContractTopic.WEBSHOP, "pd-shop-" + run, new WebShopEvent(meta("pd-review-" + run, now.minusSeconds(10)),
                WebShopEventKind.REVIEW_SUBMITTED, CustomerRef.newBuilder().setEmail(email).setShopCustomerId(shopAccount).setName(name).build(),
                CustomerSegment.B2C, order, null, null, 5, reviewText, List.of()));
        // What the router refuses: an address that is none, a phone number that is none. Dead-lettered with a reason.
        publish(ContractTopic.EMAIL, "<pd-bad-" + run + "@mail>", new EmailEvent(meta("pd-bad-mail-" + run, now), "<pd-bad-" + run + "@mail>",
                null, List.of(), Direction.INBOUND, CustomerRef.newBuilder().setEmail(badAddress).setName(name).build(), null, subject,
                mailText, List.of(), null));
        publish(ContractTopic.PHONE, "pd-bad-call-" + run, new PhoneCallEvent(meta("pd-bad-call-" + run, now), "pd-bad-call-" + run,
                Direction.INBOUND, CustomerRef.newBuilder().setPhone(badPhone).build(), CallOutcome.MISSED, null, "support", 0, callNotes, null));

        JsonNode timeline = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> services.timelineOf("email", email), items -> items != null && items.size() == 4);
        String customerId = services.lookup("phone", phoneAsWritten).get("customerId").asText();
        assertThat(timeline).hasSize(4);
        try (TopicProbe deadLetters = TopicProbe.reading(ContractTopic.EMAIL.deadLetterTopic(), ContractTopic.PHONE.deadLetterTopic())) {
            List<String> refused = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : deadLetters.poll()) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (key.contains("pd-bad-")) {
                        refused.add(key);
                    }
                }
                return refused.size() == 2;
            });
        }

        // An agent at work: lookups by every identifier (one of them unknown), the profile, a thread, a note.
        assertThat(get("/api/customers/lookup?email=" + encoded(email)).statusCode()).isEqualTo(200);
        assertThat(get("/api/customers/lookup?shopCustomerId=" + encoded(shopAccount)).statusCode()).isEqualTo(200);
        assertThat(get("/api/customers/lookup?email=" + encoded("nobody." + run + "@example.com")).statusCode()).isEqualTo(404);
        assertThat(get("/api/customers/lookup?phone=" + encoded(badPhone)).statusCode()).isEqualTo(400);
        assertThat(get("/api/customers/" + customerId).statusCode()).isEqualTo(200);
        assertThat(get("/api/customers/" + customerId + "/threads/" + encoded(ChannelAdapter.threadKey("email:pd-" + run + "@mail"))).statusCode()).isEqualTo(200);
        HttpResponse<String> note = http.send(services.as("agent", services.history(), "/api/customers/" + customerId + "/notes")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + noteText + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);

        for (Map.Entry<ServiceProcess, Long> service : logStart.entrySet()) {
            List<String> lines = loggedAtInfoOrAbove(service.getKey(), service.getValue());
            for (String value : personal) {
                assertThat(lines).as("%s: lines at INFO or above with \"%s\"", service.getKey().logFile().getFileName(), value)
                        .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT)));
            }
        }
    }

    /** The entries a service logged since {@code from} at INFO or above, each with the lines that continue it. */
    private static List<String> loggedAtInfoOrAbove(ServiceProcess service, long from) throws IOException {
        byte[] bytes;
        try (RandomAccessFile log = new RandomAccessFile(service.logFile().toFile(), "r")) {
            bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
        }
        List<String> entries = new ArrayList<>();
        boolean keeping = false;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            Matcher entry = ENTRY.matcher(line);
            if (entry.find()) {
                keeping = !entry.group(1).equals("TRACE") && !entry.group(1).equals("DEBUG");
                if (keeping) {
                    entries.add(line);
                }
            } else if (keeping && !entries.isEmpty()) {
                entries.add(line);
            }
        }
        return entries;
    }

    private static long size(ServiceProcess service) throws IOException {
        return java.nio.file.Files.size(service.logFile());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(services.as("agent", services.history(), path).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void publish(ContractTopic topic, String key, SpecificRecord event) {
        TopicProbe.send(topic.topic(), key, serializer.serialize(topic.topic(), event));
    }

    private static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, "system-test-adapter", null);
    }
}
