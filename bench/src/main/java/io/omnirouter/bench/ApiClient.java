package io.omnirouter.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.omnirouter.local.StackPorts;

/**
 * The agent API of contact-history-service over HTTP/1.1 with keep-alive, as one agent. Authenticates the way
 * the service offers: a console session (form login, then the session cookie — what the agent console does)
 * or HTTP Basic on every request (what a script does). With neither (no security configured) requests go
 * without credentials.
 */
final class ApiClient {

    /** The first history instance: every instance serves the same API from the same database. */
    static final String BASE = "http://localhost:" + StackPorts.LOCAL.history(1);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern CUSTOMER_ID = Pattern.compile("\"customerId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    enum Auth { SESSION, BASIC, NONE }

    private final HttpClient http;
    private final String user;
    private final String password;
    private Auth auth = Auth.NONE;

    ApiClient(String user, String password) {
        this.user = user;
        this.password = password;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Auth auth() {
        return auth;
    }

    /** Logs in as the console does if the service offers a login form, else uses HTTP Basic. */
    ApiClient withSession() {
        auth = Auth.NONE;
        if (authorized()) {
            return this;
        }
        if (formLogin()) {
            auth = Auth.SESSION;
        } else {
            auth = Auth.BASIC;
        }
        if (!authorized()) {
            auth = Auth.BASIC;
            if (!authorized()) {
                throw new BenchException("The agent API refuses user '" + user + "': set OMNIROUTER_LOCAL_PASSWORD as for ./omnirouter up");
            }
        }
        return this;
    }

    ApiClient withBasic() {
        auth = Auth.NONE;
        if (authorized()) {
            return this;
        }
        auth = Auth.BASIC;
        if (!authorized()) {
            throw new BenchException("The agent API refuses user '" + user + "' with HTTP Basic");
        }
        return this;
    }

    private boolean authorized() {
        int status = get("/api/customers/lookup?email=" + encode("nobody@bench.invalid")).statusCode();
        if (status == 401 || status == 403) {
            return false;
        }
        if (status >= 500) {
            throw new BenchException("The agent API answered " + status + " to a lookup");
        }
        return true;
    }

    private boolean formLogin() {
        try {
            HttpResponse<String> page = http.send(request("/login").header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                return false;
            }
            Matcher csrf = CSRF.matcher(page.body());
            String form = "username=" + encode(user) + "&password=" + encode(password)
                    + (csrf.find() ? "&_csrf=" + encode(csrf.group(1) != null ? csrf.group(1) : csrf.group(2)) : "");
            HttpResponse<String> login = http.send(request("/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = login.headers().firstValue("Location").orElse("");
            return (login.statusCode() == 302 || login.statusCode() == 303) && !location.contains("error");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(authorize(request(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** A POST without a body; with a session it would need a CSRF token, so use it {@link #withBasic}. */
    HttpResponse<String> post(String path) {
        try {
            return http.send(authorize(request(path)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** The customer owning a raw identifier (lookup parameter name and value), if any. */
    Optional<UUID> lookup(String parameter, String raw) {
        HttpResponse<String> response = get("/api/customers/lookup?" + parameter + "=" + encode(raw));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        check(response, "lookup");
        Matcher id = CUSTOMER_ID.matcher(response.body());
        return id.find() ? Optional.of(UUID.fromString(id.group(1))) : Optional.empty();
    }

    /** The first page of a timeline, as JSON. */
    HttpResponse<String> timeline(UUID customerId, int limit) {
        return get("/api/customers/" + customerId + "/timeline?limit=" + limit);
    }

    /** A request for the live stream, with this client's credentials; null if the service has no stream. */
    HttpRequest streamRequest() {
        return authorize(request("/api/stream").header("Accept", "text/event-stream").timeout(Duration.ofDays(1))).build();
    }

    HttpClient http() {
        return http;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(TIMEOUT);
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder request) {
        if (auth == Auth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new BenchException(what + " answered HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
