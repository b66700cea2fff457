package io.omnirouter.history.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * omnirouter.security.mode=jwt without configured users, as in production: real RS256 tokens, verified by the
 * decoder Spring Boot builds from the configuration (here a public key file instead of an issuer's JWK set).
 */
// The read audit's advice and interceptor are web beans that need the database; /api/me reads no customer's data,
// so this slice of the web layer leaves them out.
@WebMvcTest(controllers = CurrentUserController.class, properties = {
        "omnirouter.security.mode=jwt",
        "omnirouter.security.local-password=",
        "omnirouter.security.jwt.roles-claim=realm_access.roles",
        "omnirouter.security.jwt.name-claim=preferred_username"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.omnirouter\\.history\\.audit\\..*"))
@Import(SecurityConfiguration.class)
class JwtModeTest {

    private static final KeyPair ISSUER_KEY = rsaKeyPair();
    private static final KeyPair SOMEONE_ELSES_KEY = rsaKeyPair();

    @Autowired
    private MockMvcTester mvc;

    @DynamicPropertySource
    static void issuerKey(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JwtModeTest::publicKeyFile);
    }

    @Test
    void aTokenOfTheIssuerAuthenticatesWithTheRolesOfItsClaim() {
        var result = mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(token(ISSUER_KEY.getPrivate(),
                List.of("agent", "ROLE_SUPERVISOR", "unrelated"), Instant.now().plusSeconds(300)))).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.name").asString().isEqualTo("ana.agent");
        assertThat(result).bodyJson().extractingPath("$.roles").asArray().containsExactly("AGENT", "SUPERVISOR");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsAProblem401() {
        var result = mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(token(SOMEONE_ELSES_KEY.getPrivate(),
                List.of("agent"), Instant.now().plusSeconds(300)))).exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).headers().hasExactlyValues(HttpHeaders.WWW_AUTHENTICATE,
                List.of("Bearer realm=\"Omnirouter\", error=\"invalid_token\""));
    }

    @Test
    void anExpiredTokenIsAProblem401() {
        var result = mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(token(ISSUER_KEY.getPrivate(),
                List.of("agent"), Instant.now().minus(Duration.ofMinutes(5))))).exchange();

        assertThat(result).hasStatus(401);
    }

    @Test
    void withoutATokenTheApiIsAProblem401WithABearerChallengeOnly() {
        var result = mvc.get().uri("/api/me").exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).headers().hasExactlyValues(HttpHeaders.WWW_AUTHENTICATE, List.of("Bearer realm=\"Omnirouter\""));
    }

    @Test
    void basicCredentialsAreRefusedWhenNoUsersAreConfigured() {
        var result = mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Basic "
                + Base64.getEncoder().encodeToString("agent:omnirouter".getBytes(StandardCharsets.UTF_8))).exchange();

        assertThat(result).hasStatus(401);
    }

    @Test
    void aTokenWithoutOneOfTheRolesReadsNothing() {
        var result = mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer(token(ISSUER_KEY.getPrivate(),
                List.of("guest"), Instant.now().plusSeconds(300)))).exchange();

        assertThat(result).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anAgentTokenMayNotUnmergeAndNeedsNoCsrfToken() {
        var result = mvc.post().uri("/api/customers/{id}/unmerge", UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, bearer(token(ISSUER_KEY.getPrivate(), List.of("agent"), Instant.now().plusSeconds(300))))
                .exchange();

        assertThat(result).hasStatus(403);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().doesNotContain("CSRF");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String token(PrivateKey key, List<String> roles, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("3f6c2b1e-user")
                .claim("preferred_username", "ana.agent")
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String publicKeyFile() {
        try {
            Path file = Files.createTempFile("issuer-key-", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ISSUER_KEY.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
