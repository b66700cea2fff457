package io.omnirouter.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The few read calls of the Confluent Schema Registry REST API the CLI needs beyond the serde's
 * {@code SchemaRegistryClient}: list subjects and their latest versions.
 */
final class RegistryRest {

    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";

    private final String url;
    private final Duration timeout;
    private final HttpClient http;

    /** The latest version of a subject. {@code schemaName} is the Avro full name, when it is an Avro record. */
    record SubjectVersion(String subject, int version, int id, String schemaType, String schemaName) {
    }

    RegistryRest(String url, Duration timeout) {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.url = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code GET /subjects}, sorted. */
    List<String> subjects() {
        JsonNode body = get("/subjects");
        if (!body.isArray()) {
            throw new CliException("schema registry at " + url + " answered GET /subjects with " + abbreviate(body.toString()));
        }
        List<String> subjects = new ArrayList<>();
        body.forEach(s -> subjects.add(s.asText()));
        subjects.sort(String::compareTo);
        return subjects;
    }

    /** {@code GET /subjects/{subject}/versions/latest}. */
    SubjectVersion latest(String subject) {
        JsonNode body = get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions/latest");
        String type = body.path("schemaType").asText("AVRO");
        return new SubjectVersion(subject, body.path("version").asInt(-1), body.path("id").asInt(-1), type,
                "AVRO".equals(type) ? avroName(body.path("schema").asText(null)) : null);
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout).header("Accept", ACCEPT).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new CliException("cannot reach the schema registry at " + url + " (connect timeout after "
                    + timeout.toSeconds() + " s)", e);
        } catch (HttpTimeoutException e) {
            throw new CliException("the schema registry at " + url + " did not answer GET " + path + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new CliException("cannot reach the schema registry at " + url + " (connection refused)", e);
        } catch (IOException e) {
            throw new CliException("cannot reach the schema registry at " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + ErrorMessages.firstMessage(e)) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while calling the schema registry at " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new CliException("schema registry at " + url + " answered GET " + path + " with HTTP " + response.statusCode()
                    + ": " + abbreviate(response.body()));
        }
        try {
            return AvroJson.JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException("schema registry at " + url + " answered GET " + path + " with something that is not JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    /** The full name of an Avro schema given as JSON text, or null if it is not a named type. */
    static String avroName(String schema) {
        if (schema == null) {
            return null;
        }
        try {
            JsonNode node = AvroJson.JSON.readTree(schema);
            if (!node.isObject() || !node.hasNonNull("name")) {
                return node.isTextual() ? node.asText() : null;
            }
            String name = node.get("name").asText();
            String namespace = node.path("namespace").asText("");
            return name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return TextTable.abbreviate(text == null ? "" : text, 200);
    }
}
