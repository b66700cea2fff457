package io.omnirouter.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the schema registry is and how to talk to it.
 *
 * @param url               base URL, paths are appended to it: {@code http://host:8081} (Confluent) or
 *                          {@code http://host:8080/apis/ccompat/v7} (Apicurio)
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    timeout of one HTTP request, response included
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or {@code null} for none
 */
public record SchemaRegistrySettings(String url, Duration connectTimeout, Duration requestTimeout, String basicAuthUserInfo) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must be http or https, got '" + redact(uri) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("schema registry URL must not carry credentials ('" + redact(uri)
                    + "'); pass them as basic.auth.user.info");
        }
        if (basicAuthUserInfo != null && basicAuthUserInfo.indexOf(':') < 0) {
            throw new IllegalArgumentException("basic.auth.user.info must have the form user:password");
        }
    }

    public static SchemaRegistrySettings of(String url) {
        return new SchemaRegistrySettings(url, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, null);
    }

    public SchemaRegistrySettings withTimeouts(Duration connect, Duration request) {
        return new SchemaRegistrySettings(url, connect, request, basicAuthUserInfo);
    }

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "SchemaRegistrySettings[url=" + url + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "[hidden]") + "]";
    }

    private static String redact(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "[hidden]@");
    }
}
