package io.omnirouter.history.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.omnirouter.history.HistoryIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/** No customer data without authentication, roles enforced (contact-history-service/docs/security-and-console.md), CSRF for the console's session. */
class SecurityIT extends HistoryIntegrationTest {

    private static final String UNKNOWN = "6c1d7a8e-0000-4000-8000-000000000001";
    private static final String UNMERGE = "/api/customers/" + UUID.randomUUID() + "/unmerge";

    @ParameterizedTest
    @WithAnonymousUser
    @ValueSource(strings = {"/api/customers/lookup?email=ana@example.com", "/api/customers/" + "00000000-0000-0000-0000-000000000001"
            + "/timeline", "/api/customers/00000000-0000-0000-0000-000000000001/threads/email:a@b", "/api/stream", "/api/me",
            "/v3/api-docs", "/actuator/prometheus", "/api/nothing-here"})
    void withoutCredentialsTheApiIsAProblem401(String path) {
        var result = mvc.get().uri(path).exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).headers().hasExactlyValues(HttpHeaders.WWW_AUTHENTICATE, List.of("Basic realm=\"Omnirouter\""));
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(401);
    }

    @Test
    @WithAnonymousUser
    void withoutCredentialsTheConsoleRedirectsToTheLoginForm() {
        var result = mvc.get().uri("/").accept(MediaType.TEXT_HTML).exchange();

        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/login");
    }

    @Test
    @WithAnonymousUser
    void healthIsOpen() {
        assertThat(mvc.get().uri("/actuator/health").exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/health/liveness").exchange()).hasStatusOk();
    }

    @Test
    void anAgentMayNotUnmerge() {
        var result = mvc.post().uri(UNMERGE).contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(result).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("POST " + UNMERGE);
    }

    @Test
    @WithMockUser(roles = "OPS")
    void opsMayNotUnmergeEither() {
        assertThat(mvc.post().uri(UNMERGE).contentType(MediaType.APPLICATION_JSON).content("{}").exchange()).hasStatus(403);
    }

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void aSupervisorGetsPastTheRoleCheckOfUnmerge() {
        // Whatever the unmerge itself answers for an unknown customer, it is not a refusal of the role.
        assertThat(mvc.post().uri(UNMERGE).contentType(MediaType.APPLICATION_JSON).content("{}").exchange().getResponse().getStatus())
                .isNotIn(401, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/absences", "/api/customers/" + UNKNOWN + "/merges/" + UNKNOWN + "/unmerge-preview"})
    void theSupervisorsToolsAreNeitherForAgentsNorForOps(String path) {
        assertThat(mvc.get().uri(path).exchange()).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri(path).with(user("ops").roles("OPS")).exchange()).hasStatus(403);
        assertThat(mvc.get().uri(path).with(user("sue").roles("SUPERVISOR")).exchange().getResponse().getStatus()).isNotIn(401, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/api/ops/rebuild"})
    void anAgentMayNotOperate(String path) {
        assertThat(mvc.get().uri(path).exchange()).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void aSupervisorMayNotOperate() {
        assertThat(mvc.get().uri("/actuator/prometheus").exchange()).hasStatus(403);
    }

    @Test
    @WithMockUser(roles = "OPS")
    void opsMayOperateAndRead() {
        assertThat(mvc.get().uri("/actuator/prometheus").exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/api/customers/lookup").param("email", "nobody@example.com").exchange()).hasStatus(404);
    }

    @Test
    @WithMockUser(roles = "SOMETHING_ELSE")
    void aUserWithoutOneOfTheRolesReadsNothing() {
        assertThat(mvc.get().uri("/api/customers/lookup").param("email", "nobody@example.com").exchange()).hasStatus(403);
    }

    @Test
    void httpBasicWorksWithoutCreatingASession() throws Exception {
        HttpResponse<String> response = httpClient().send(request("/api/me", "ops").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json(response.body());
        assertThat(me.get("name").asString()).isEqualTo("ops");
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("OPS");
        assertThat(response.headers().firstValue(HttpHeaders.SET_COOKIE)).isEmpty();
    }

    @Test
    void aWrongPasswordIsAProblem401() throws Exception {
        HttpResponse<String> response = httpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/me"))
                .header(HttpHeaders.AUTHORIZATION, "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "agent:wrong-password".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(type -> assertThat(type)
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        assertThat(response.body()).doesNotContain("wrong-password");
    }

    @Test
    void browsersAreNeverAskedForBasicCredentials() throws Exception {
        HttpResponse<String> response = httpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/me"))
                .header("Sec-Fetch-Mode", "cors").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues(HttpHeaders.WWW_AUTHENTICATE)).noneMatch(challenge -> challenge.startsWith("Basic"));
    }

    @Test
    void theConsoleSessionNeedsItsCsrfTokenForChangesAndBasicRequestsDoNot() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        login(browser, "supervisor");

        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me.body()).get("name").asString()).isEqualTo("supervisor");

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + UNMERGE))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json(forged.body()).get("detail").asString()).contains("CSRF");

        HttpResponse<String> scripted = httpClient().send(request(UNMERGE, "supervisor")
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scripted.statusCode()).isNotIn(401, 403);
    }

    @Test
    void aWrongPasswordInTheLoginFormShowsTheFormAgain() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> response = submitLogin(browser, "agent", "not-the-password");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login?error"));
    }

    private void login(HttpClient browser, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = submitLogin(browser, user, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(location -> assertThat(location)
                .doesNotContain("error"));
    }

    private HttpResponse<String> submitLogin(HttpClient browser, String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
