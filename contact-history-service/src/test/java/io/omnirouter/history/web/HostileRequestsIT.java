package io.omnirouter.history.web;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.contact.model.TimelineCursor;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The agent API against hostile requests (issue 10, "API side"), over real HTTP on the running service: forged
 * cursors, absurd limits, malformed ids, unknown parameters, oversized and malformed bodies, wrong content types.
 * Every refusal is a 4xx RFC 9457 problem naming what was wrong, without a stack trace and without quoting the
 * hostile value; after each test the service is healthy and still answers a normal request.
 */
class HostileRequestsIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    private static final String SCRIPT = "<script>window.__pwned=1</script>";
    private static final String TEN_KB = "x".repeat(10 * 1024);
    private static final long TEN_MB = 10L * 1024 * 1024;

    @LocalServerPort
    private int port;

    private RawHttp http;
    private String customer;
    private List<String> customersContacts;
    private String othersCursor;

    @BeforeEach
    void twoCustomersWithContacts() throws IOException {
        http = new RawHttp(port, PASSWORD);
        String address = "hostile-" + UUID.randomUUID() + "@example.com";
        String other = "other-" + UUID.randomUUID() + "@example.com";
        customersContacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ContactEvent contact = contact(Channel.EMAIL, T0.plusSeconds(60L * i)).setIdentifiers(email(address)).build();
            customersContacts.add(contact.getContactId());
            publish(contact);
            publish(contact(Channel.CHAT, T0.plusSeconds(60L * i + 30)).setIdentifiers(email(other)).build());
        }
        customer = awaitCustomer("email", address);
        String otherCustomer = awaitCustomer("email", other);
        await().atMost(PATIENCE).until(() -> items(customer, "").size() == 3 && items(otherCustomer, "").size() == 3);
        othersCursor = json(http.get("/api/customers/" + otherCustomer + "/timeline?limit=1", "agent").body())
                .get("nextCursor").asString();
    }

    @AfterEach
    void serviceStaysHealthy() throws IOException {
        RawHttp.Response health = http.get("/actuator/health", null);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(json(health.body()).get("status").asString()).isEqualTo("UP");
        assertThat(items(customer, "")).hasSize(3);
    }

    @Test
    void malformedAndForgedCursorsAreRefusedByName() throws IOException {
        String contactId = customersContacts.get(0);
        List<String> cursors = List.of(
                "q83vEjRWeJA",                                         // random base64
                URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8),
                base64("garbage that decodes"),                        // valid base64 of garbage
                base64("v1|yesterday|" + contactId),
                base64("v1|2026-05-04T09:00:00Z|not-a-uuid"),
                base64("v2|2026-05-04T09:00:00Z|" + contactId),        // another layout version
                base64("v1|+1000000000-12-31T23:59:59Z|" + contactId), // beyond what PostgreSQL holds
                base64("v1|-999999999-01-01T00:00:00Z|" + contactId),  // ditto, before year 1
                base64("v1|10000-01-01T00:00:00Z|" + contactId),
                base64("v1|2026-05-04T09:00:00Z|" + contactId + "|" + TEN_KB.substring(0, 3000)),
                "A".repeat(4000));
        for (String cursor : cursors) {
            assertRefused(http.get("/api/customers/" + customer + "/timeline?cursor=" + cursor, "agent"), 400, "cursor", cursor);
            assertRefused(http.get("/api/customers/" + customer + "/threads/email:x?cursor=" + cursor, "agent"), 400, "cursor", cursor);
        }
        // Not even a query string (invalid percent escapes): Tomcat cannot read the parameters, so none is named.
        assertRefused(http.get("/api/customers/" + customer + "/timeline?cursor=%%%not-base64%%%", "agent"), 400, "parameters", null);
    }

    @Test
    void aCursorIsAPositionNotAPermission() throws IOException {
        // Another customer's cursor positions this customer's timeline; it shows nothing of the other customer.
        List<String> page = items(customer, "&cursor=" + othersCursor);
        assertThat(customersContacts).containsAll(page);
        // A far-future position within the range of the store: everything older, i.e. the first page.
        String future = new TimelineCursor(Instant.parse("9999-01-01T00:00:00Z"), UUID.randomUUID()).encode();
        assertThat(items(customer, "&cursor=" + future)).containsExactlyInAnyOrderElementsOf(customersContacts);
        String past = new TimelineCursor(Instant.parse("0001-01-01T00:00:00Z"), UUID.randomUUID()).encode();
        assertThat(items(customer, "&cursor=" + past)).isEmpty();
    }

    @Test
    void limitsOutsideTheRangeOrNotNumbersAreRefusedByName() throws IOException {
        String task = "/api/tasks?limit=";
        for (String limit : List.of("0", "-1", "1000000000", "99999999999999999999", "abc", "1.5", "1e3", "0x10", "%00",
                URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8), "NaN", "%20-5")) {
            assertRefused(http.get("/api/customers/" + customer + "/timeline?limit=" + limit, "agent"), 400, "limit", limit);
            assertRefused(http.get("/api/customers/" + customer + "/threads/email:x?limit=" + limit, "agent"), 400, "limit", limit);
            assertRefused(http.get(task + limit, "agent"), 400, "limit", limit);
        }
        // An empty limit is an absent one: the default page.
        RawHttp.Response empty = http.get("/api/customers/" + customer + "/timeline?limit=", "agent");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(json(empty.body()).get("items").size()).isEqualTo(3);
    }

    @Test
    void malformedIdsInPathsAndParametersAreRefused() throws IOException {
        for (String id : List.of("not-a-uuid", "1-1-1-1-1", "%00", URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8),
                "00000000-0000-0000-0000-00000000000g", "%E2%80%AE" + UUID.randomUUID(), UUID.randomUUID() + "%0D%0ASet-Cookie:x=1",
                "x".repeat(3000))) {
            // Tomcat (NUL, an encoded slash) and the firewall (CR, LF) refuse these in a path before any parameter
            // exists to name: a problem all the same.
            String inPath = List.of("%00", "%2F", "%0D", "%0A").stream().anyMatch(id::contains) ? null : "customerId";
            assertRefused(http.get("/api/customers/" + id, "agent"), 400, inPath, id);
            assertRefused(http.get("/api/customers/" + id + "/timeline", "agent"), 400, inPath, id);
            assertRefused(http.get("/api/customers/" + id + "/threads/email:x", "agent"), 400, inPath, id);
            assertRefused(http.get("/api/tasks?customerId=" + id, "agent"), 400, "customerId", id);
            assertRefused(http.get("/api/tasks/" + id, "agent"), 400, inPath == null ? null : "taskId", id);
            assertRefused(http.send(http.head("POST", "/api/tasks/" + id + "/complete", "agent"), new byte[0]), 400,
                    inPath == null ? null : "taskId", id);
            assertRefused(http.get("/api/stream?customerId=" + id, "agent", "Accept: text/event-stream"), 400, "customerId", id);
        }
        // Paths that walk or hide: the firewall refuses them before any controller, as problem details too.
        for (String path : List.of("/api/customers/../tasks", "/api/customers/%2e%2e/tasks", "/api/customers/%2F/timeline",
                "/api/customers/a%00b/timeline", "/api/customers/;jsessionid=x/timeline", "/api/customers//timeline")) {
            assertRefused(http.get(path, "agent"), 400, null, null);
        }
    }

    @Test
    void anIdOfTenKilobytesIsRefusedBeforeTheService() throws IOException {
        // Longer than the request line Tomcat accepts (server.max-http-request-header-size, 8 KB): refused by Tomcat.
        RawHttp.Response response = http.get("/api/customers/" + TEN_KB + "/timeline", "agent");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).doesNotContain(TEN_KB.substring(0, 100), "Exception", "\tat ");
    }

    @Test
    void identifiersAndFiltersThatCannotBeAreRefusedByName() throws IOException {
        String script = URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8);
        String longValue = "y".repeat(3000);
        assertRefused(http.get("/api/customers/lookup?email=" + script, "agent"), 400, "email", SCRIPT);
        assertRefused(http.get("/api/customers/lookup?phone=" + script, "agent"), 400, "phone", SCRIPT);
        assertRefused(http.get("/api/customers/lookup?shopCustomerId=a%00b", "agent"), 400, "shopCustomerId", null);
        assertRefused(http.get("/api/customers/lookup?chatVisitorId=a%0D%0Ab", "agent"), 400, "chatVisitorId", null);
        assertRefused(http.get("/api/customers/lookup?chatVisitorId=" + longValue, "agent"), 400, "chatVisitorId", longValue);
        assertRefused(http.get("/api/customers/lookup?email=%20%20", "agent"), 400, "email", null);
        assertRefused(http.get("/api/customers/lookup?email=a@example.com&phone=040123456", "agent"), 400, "exactly one", null);
        assertRefused(http.get("/api/customers/lookup", "agent"), 400, "exactly one", null);
        // A harmless id that no one has: 404, not an error.
        assertThat(http.get("/api/customers/lookup?shopCustomerId=" + script, "agent").status()).isEqualTo(404);

        assertRefused(http.get("/api/customers/" + customer + "/timeline?channel=" + script, "agent"), 400, "channel", SCRIPT);
        assertRefused(http.get("/api/customers/" + customer + "/timeline?channel=FAX", "agent"), 400, "channel", null);
        assertRefused(http.get("/api/tasks?status=" + script, "agent"), 400, "status", SCRIPT);
        assertRefused(http.get("/api/tasks?type=NOPE", "agent"), 400, "type", null);
        assertRefused(http.get("/api/tasks?queue=a%00b", "agent"), 400, "queue", null);
        assertRefused(http.get("/api/tasks?assignee=" + longValue, "agent"), 400, "assignee", longValue);
        assertRefused(http.get("/api/customers/" + customer + "/threads/email:a%00b", "agent"), 400, null, null);
        // Filters are case-insensitive.
        assertThat(http.get("/api/customers/" + customer + "/timeline?channel=email", "agent").status()).isEqualTo(200);
    }

    @Test
    void unknownQueryParametersAreIgnoredAndChangeNothing() throws IOException {
        String plain = http.get("/api/customers/" + customer + "/timeline?limit=2", "agent").body();
        String withUnknown = http.get("/api/customers/" + customer + "/timeline?limit=2&offset=-5&page=999999999&customerId="
                + UUID.randomUUID() + "&__proto__=x&sort=" + URLEncoder.encode("1;DROP TABLE contact", StandardCharsets.UTF_8)
                + "&" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8) + "=1", "agent").body();
        assertThat(withUnknown).isEqualTo(plain);
        assertThat(json(plain).get("items").size()).isEqualTo(2);

        String tasks = http.get("/api/tasks?customerId=" + customer, "agent").body();
        assertThat(http.get("/api/tasks?customerId=" + customer + "&tenant=other&status%5B%5D=OPEN&limit%5B%24gt%5D=1", "agent").body())
                .isEqualTo(tasks);
    }

    @Test
    void oversizedBodiesAreRefusedWithoutBeingRead() throws IOException {
        String task = "/api/tasks/" + UUID.randomUUID();
        String mergeBody = "{\"mergeId\":\"";
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/customers/" + customer + "/unmerge", "supervisor", "application/json", mergeBody},
                new String[] {"POST", task + "/assign", "agent", "application/json", "{\"agent\":\""},
                new String[] {"POST", task + "/complete", "agent", "application/json", "{\"x\":\""},
                new String[] {"PUT", "/api/agents/maja/absence", "supervisor", "application/json", "{\"from\":\""},
                new String[] {"POST", "/api/ops/rebuild", "ops", "application/json", "{\"x\":\""},
                new String[] {"POST", "/login", null, "application/x-www-form-urlencoded", "username=agent&password="});
        for (String[] endpoint : endpoints) {
            // Announced: refused at once, before the body is through.
            RawHttp.Response announced = http.sendLarge(endpoint[0], endpoint[1], endpoint[2], endpoint[3], endpoint[4], TEN_MB, false);
            assertRefused(announced, 413, "request body", null);
            assertThat(announced.bodyBytesSentBeforeAnswer()).as(endpoint[1]).isLessThan(TEN_MB);
        }
        // Not announced (chunked): refused once the bound is passed, by the endpoints that read a body.
        for (String[] endpoint : endpoints.subList(0, 2)) {
            RawHttp.Response chunked = http.sendLarge(endpoint[0], endpoint[1], endpoint[2], endpoint[3], endpoint[4], TEN_MB, true);
            assertRefused(chunked, 413, "request body", null);
            assertThat(chunked.bodyBytesSentBeforeAnswer()).as(endpoint[1]).isLessThan(TEN_MB);
        }
        RawHttp.Response absence = http.sendLarge("PUT", "/api/agents/maja/absence", "supervisor", "application/json",
                "{\"from\":\"", TEN_MB, true);
        assertRefused(absence, 413, "request body", null);
    }

    @Test
    void wrongContentTypesAreRefused() throws IOException {
        String unmerge = "/api/customers/" + customer + "/unmerge";
        byte[] body = ("{\"mergeId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "text/html; charset=" + SCRIPT.replace(" ", ""), "multipart/form-data; boundary=x")) {
            assertRefused(http.send(http.head("POST", unmerge, "supervisor", "Content-Type: " + contentType,
                    "Content-Length: " + body.length), body), 415, "application/json", SCRIPT);
        }
        // Not a media type at all.
        assertRefused(http.send(http.head("POST", unmerge, "supervisor", "Content-Type: " + SCRIPT.replace(" ", ""),
                "Content-Length: " + body.length), body), 415, "application/json", SCRIPT);
        // No content type, and no body.
        assertRefused(http.send(http.head("POST", unmerge, "supervisor", "Content-Length: " + body.length), body), 415, null, null);
        assertRefused(http.send(http.head("POST", unmerge, "supervisor", "Content-Type: application/json",
                "Content-Length: 0"), new byte[0]), 400, "request body", null);
        assertRefused(http.send(http.head("PUT", "/api/agents/maja/absence", "supervisor",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 5"), "from=".getBytes(StandardCharsets.UTF_8)),
                415, null, null);
    }

    @Test
    void malformedJsonIsRefused() throws IOException {
        String unmerge = "/api/customers/" + customer + "/unmerge";
        String task = "/api/tasks/" + UUID.randomUUID() + "/assign";
        String absence = "/api/agents/maja/absence";
        for (String json : List.of("{", "}", "[]", "null", "\"mergeId\"", "{\"mergeId\":", "{\"mergeId\":\"" + SCRIPT + "\"}",
                "{\"mergeId\":12}", "{\"mergeId\":[\"" + UUID.randomUUID() + "\"]}", "{\"mergeId\":\"" + UUID.randomUUID() + "\"",
                "[".repeat(20_000), "{\"mergeId\":\"\\ud800\"}", "\u0000\u0001", "{'mergeId':'x'}")) {
            RawHttp.Response response = post("POST", unmerge, "supervisor", json);
            assertRefused(response, 400, null, SCRIPT);
        }
        // Valid JSON, values that are not: named.
        assertRefused(post("POST", unmerge, "supervisor", "{}"), 400, "mergeId", null);
        assertRefused(post("POST", task, "agent", "{\"agent\":\"\\u0000\"}"), 400, "agent", null);
        assertRefused(post("POST", task, "agent", "{\"agent\":\"" + "z".repeat(3000) + "\"}"), 400, "agent", null);
        assertRefused(post("POST", task, "agent", "{\"agent\":\"  \"}"), 400, "agent", null);
        assertRefused(post("PUT", absence, "supervisor", "{\"from\":\"+1000000000-01-01T00:00:00Z\",\"until\":\"+1000000000-01-02T00:00:00Z\"}"),
                400, "from", null);
        assertRefused(post("PUT", absence, "supervisor", "{\"from\":\"tomorrow\",\"until\":\"later\"}"), 400, null, null);
        assertRefused(post("PUT", "/api/agents/a%00b/absence", "supervisor",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}"), 400, null, null);
        assertRefused(post("PUT", "/api/agents/" + "q".repeat(3000) + "/absence", "supervisor",
                "{\"from\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}"), 400, "agentId", null);
    }

    private RawHttp.Response post(String method, String path, String user, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return http.send(http.head(method, path, user, "Content-Type: application/json", "Content-Length: " + body.length), body);
    }

    /**
     * A 4xx problem: problem+json with status and title, naming {@code named} (a parameter, or a word of the detail)
     * when given, with no trace of Java and without {@code hostile} (as sent, or decoded) anywhere in the answer.
     */
    private void assertRefused(RawHttp.Response response, int status, String named, String hostile) {
        String seen = response.toString();
        assertThat(response.status()).as(seen).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(seen).startsWith("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).as(seen).isEqualTo(status);
        assertThat(problem.get("title").asString()).as(seen).isNotBlank();
        assertThat(problem.get("detail").asString()).as(seen).isNotBlank();
        if (named != null) {
            String parameter = problem.has("parameter") ? problem.get("parameter").asString() : "";
            assertThat(parameter + " " + problem.get("detail").asString()).as(seen).contains(named);
        }
        assertThat(response.body()).as(seen).doesNotContain("Exception", "\tat ", "at org.", "at io.omnirouter", "java.",
                "<script", "<img", "onerror", "Set-Cookie");
        assertThat(response.header("Set-Cookie")).as(seen).isNull();
        if (hostile != null && hostile.length() > 3) {
            assertThat(response.body()).as(seen).doesNotContain(hostile,
                    java.net.URLDecoder.decode(hostile.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
    }

    private List<String> items(String customerId, String query) throws IOException {
        RawHttp.Response response = http.get("/api/customers/" + customerId + "/timeline?limit=50" + query, "agent");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response.body()).get("items").forEach(item -> ids.add(item.get("contactId").asString()));
        return ids;
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
