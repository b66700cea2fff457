package io.omnirouter.serde;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API (Confluent, Apicurio's ccompat API, Karapace,
 * Redpanda), covering what the serde needs: register, look up, fetch by id. Results are cached for the
 * life of the client because ids are immutable. Thread-safe; share one instance between serializers
 * and deserializers.
 */
public class SchemaRegistryClient {

    /**
     * Times a 409 or 500 on registering is asked again, after 100, 200, 400, 800 ms: concurrent first registrations of
     * a subject resolve within that (the registry's storage times out its lock waits).
     */
    private static final int CONCURRENT_REGISTRATION_RETRIES = 4;
    private static final long FIRST_REGISTRATION_PAUSE_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 300;
    // Confluent's error codes, which Apicurio's ccompat API, Karapace and Redpanda return as well.
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final SchemaRegistrySettings settings;
    private final HttpClient http;
    private final String authorization;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Response(int status, String body) {
    }

    public SchemaRegistryClient(SchemaRegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Plain HTTP/1.1: the default h2c upgrade attempt buys nothing for small JSON calls.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.authorization = settings.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(settings.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    public SchemaRegistryClient(String url) {
        this(SchemaRegistrySettings.of(url));
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}); an
     * already registered schema gets its existing id back.
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject) + "/versions";
        // Instances starting together register a new subject at the same moment, and the registry may answer all but
        // one of them 409 ("already exists") or 500 (Apicurio creates the subject's artifact and its first version
        // without a lock, and its store times out on the lock waits; SchemaRegistrationRaceIT). Asked again, it has the
        // subject and answers the id. A schema the subject's compatibility rule refuses is 409 every time, a registry
        // that is down stays down: after the last attempt both are thrown, the caller's own back-off takes over.
        Response response = null;
        long pause = FIRST_REGISTRATION_PAUSE_MS;
        for (int attempt = 0; ; attempt++) {
            try {
                response = send(post(path, schema), "POST " + path);
                if (response.status() != 409 || attempt == CONCURRENT_REGISTRATION_RETRIES) {
                    break;
                }
            } catch (SchemaRegistryUnavailableException e) {
                if (attempt == CONCURRENT_REGISTRATION_RETRIES) {
                    throw e;
                }
            }
            pauseBeforeAskingAgain(pause);
            pause *= 2;
        }
        if (response.status() != 200) {
            throw rejected("registering schema " + schema.getFullName() + " under subject '" + subject + "'", response, "POST " + path);
        }
        int id = idFrom(response, "POST " + path);
        remember(key, id);
        log.debug("Registered schema {} under subject '{}' at {}: id {}", schema.getFullName(), subject, settings.url(), id);
        return id;
    }

    /**
     * Looks up the id of {@code schema} under {@code subject} without registering it
     * ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaNotRegisteredException if the subject or the schema under it does not exist
     */
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject);
        Response response = send(post(path, schema), "POST " + path);
        int errorCode = errorCode(response);
        if (response.status() == 404 && (errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND)) {
            throw new SchemaNotRegisteredException(subject, "schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' at " + settings.url() + " (" + errorDetail(response) + ")");
        }
        if (response.status() != 200) {
            throw rejected("looking up schema " + schema.getFullName() + " under subject '" + subject + "'", response, "POST " + path);
        }
        int id = idFrom(response, "POST " + path);
        remember(key, id);
        log.debug("Looked up schema {} under subject '{}' at {}: id {}", schema.getFullName(), subject, settings.url(), id);
        return id;
    }

    /**
     * The schema with this id ({@code GET /schemas/ids/{id}}).
     *
     * @throws UnknownSchemaIdException if the registry does not know the id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        Response response = send(request(path).GET().build(), "GET " + path);
        if (response.status() == 404 && errorCode(response) == SCHEMA_NOT_FOUND) {
            throw new UnknownSchemaIdException(id, settings.url());
        }
        if (response.status() != 200) {
            throw rejected("fetching schema id " + id, response, "GET " + path);
        }
        JsonNode body = parse(response, "GET " + path);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new WireFormatException("schema id " + id + " at " + settings.url() + " is a " + type
                    + " schema, not Avro; the record was not written by an Avro serializer");
        }
        if (!body.path("references").isEmpty()) {
            throw new SchemaRegistryException("schema id " + id + " at " + settings.url()
                    + " uses schema references, which this serde does not resolve; register self-contained schemas");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(body.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema id " + id + " from the registry at " + settings.url()
                    + " is not a valid Avro schema: " + e.getMessage(), e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        log.debug("Fetched schema id {} ({}) from {}", id, schema.getFullName(), settings.url());
        return previous != null ? previous : schema;
    }

    /** The registered subjects ({@code GET /subjects}), uncached: health checks and ops tools ask it. */
    public List<String> subjects() {
        Response response = send(request("/subjects").GET().build(), "GET /subjects");
        if (response.status() != 200) {
            throw rejected("listing subjects", response, "GET /subjects");
        }
        List<String> subjects = new ArrayList<>();
        parse(response, "GET /subjects").forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        // Our own schema is exactly what the id stands for; saves a GET when this process also reads the topic.
        schemasById.putIfAbsent(id, key.schema());
    }

    private HttpRequest post(String path, Schema schema) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
        return request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException(
                    "schema registry at " + settings.url() + " unreachable: " + describe(e) + " (" + what + ")", e);
        } catch (InterruptedException e) {
            // Kafka's InterruptException restores the interrupt flag.
            throw new InterruptException("interrupted while calling the schema registry at " + settings.url(), e);
        }
        int status = response.statusCode();
        // Any 5xx is the registry failing, not a verdict on the request: Apicurio answers 500 when its store times out
        // on a lock (two instances registering at once), Confluent 500 with error_code 50001-50003 for store errors.
        if (status >= 500) {
            throw new SchemaRegistryUnavailableException("schema registry at " + settings.url() + " unreachable: HTTP "
                    + status + " (" + what + ")");
        }
        return new Response(status, response.body());
    }

    private int idFrom(Response response, String what) {
        JsonNode id = parse(response, what).path("id");
        if (!id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry at " + settings.url() + " answered " + what
                    + " without an integer id: " + abbreviate(response.body()));
        }
        return id.intValue();
    }

    private JsonNode parse(Response response, String what) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("schema registry at " + settings.url() + " answered " + what
                    + " with something that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    /** A set pause between two registrations, not a condition: nothing tells when the registry's storage is free again. */
    private static void pauseBeforeAskingAgain(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("interrupted while registering a schema");
        }
    }

    private SchemaRegistryException rejected(String action, Response response, String what) {
        if (response.status() == 404) {
            // A 404 without a registry error code: the path does not exist, so the URL is not a registry API root.
            return new SchemaRegistryUnavailableException("schema registry at " + settings.url() + " unreachable: no such endpoint "
                    + what + " (" + errorDetail(response) + "); check schema.registry.url, e.g. http://host:8081 (Confluent) "
                    + "or http://host:8080/apis/ccompat/v7 (Apicurio)");
        }
        String hint = response.status() == 401 || response.status() == 403 ? "; check basic.auth.user.info" : "";
        return new SchemaRegistryException("schema registry at " + settings.url() + " rejected " + action + ": "
                + errorDetail(response) + hint);
    }

    /** The Confluent {@code error_code} of an error body, or -1 when there is none. */
    private static int errorCode(Response response) {
        JsonNode error = errorBody(response);
        return error != null && error.path("error_code").canConvertToInt() ? error.get("error_code").intValue() : -1;
    }

    /** "HTTP 409, error_code 409: Incompatible schema …" from the registry's error body. */
    private static String errorDetail(Response response) {
        StringBuilder detail = new StringBuilder("HTTP ").append(response.status());
        JsonNode error = errorBody(response);
        if (error != null && error.has("error_code")) {
            detail.append(", error_code ").append(error.get("error_code").asText());
        }
        if (error != null && error.hasNonNull("message")) {
            return detail.append(": ").append(abbreviate(error.get("message").asText())).toString();
        }
        return response.body().isBlank() ? detail.toString() : detail.append(": ").append(abbreviate(response.body())).toString();
    }

    private static JsonNode errorBody(Response response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body != null && body.isObject() ? body : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The exception type and the first message along the cause chain. HttpClient's connect failures carry
     * no message at all, only the channel exception underneath, so those are named here.
     */
    private static String describe(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
            root = t;
        }
        if (root instanceof UnresolvedAddressException) {
            return e.getClass().getSimpleName() + ": host name could not be resolved";
        }
        if (e instanceof ConnectException) {
            return e.getClass().getSimpleName() + ": connection refused";
        }
        return e.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "…";
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
