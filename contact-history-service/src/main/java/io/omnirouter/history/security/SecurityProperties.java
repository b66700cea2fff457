package io.omnirouter.history.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the API and the console ({@code omnirouter.security.*}). See docs/security-and-console.md.
 *
 * @param mode          {@code users}: the configured users only, by HTTP Basic (API) and login form (console);
 *                      {@code jwt}: also OAuth2 bearer tokens (JWT) of the provider set with
 *                      {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}
 * @param users         users with BCrypt password hashes (never plain passwords)
 * @param localPassword for local use only: creates the users {@code agent}, {@code supervisor} and {@code ops}
 *                      with this password (hashed at start-up); blank for none
 * @param jwt           how roles are read from bearer tokens
 */
@Validated
@ConfigurationProperties("omnirouter.security")
public record SecurityProperties(@NotNull @DefaultValue("users") Mode mode,
                                 @NotNull @DefaultValue List<@Valid @NotNull User> users,
                                 String localPassword,
                                 @NotNull @Valid @DefaultValue Jwt jwt) {

    /** Local passwords shorter than this are refused: even a laptop's stack is reachable by other local processes. */
    static final int MIN_LOCAL_PASSWORD_LENGTH = 8;

    public enum Mode {
        USERS, JWT
    }

    /**
     * @param name         the login name
     * @param passwordHash a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), e.g. from
     *                     {@code htpasswd -bnBC 12 "" 'the password' | tr -d ':\n'}
     * @param roles        at least one of AGENT, SUPERVISOR, OPS
     */
    public record User(@NotBlank String name,
                       @NotNull @Pattern(regexp = "\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}", message = "must be a BCrypt hash")
                       String passwordHash,
                       @NotEmpty Set<@NotNull Role> roles) {

        @Override
        public String toString() {
            // The hash is a secret too: it can be attacked offline.
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }

    /**
     * @param rolesClaim the claim holding the user's roles (a list, or a string separated by spaces or commas);
     *                   a dotted path reaches into nested claims, e.g. {@code realm_access.roles} (Keycloak).
     *                   Values are matched case-insensitively to AGENT, SUPERVISOR, OPS, with or without
     *                   {@code ROLE_}; other values are ignored.
     * @param nameClaim  the claim naming the user (logs, the console's "signed in as")
     */
    public record Jwt(@NotBlank @DefaultValue("roles") String rolesClaim,
                      @NotBlank @DefaultValue("sub") String nameClaim) {
    }

    public boolean hasLocalPassword() {
        return localPassword != null && !localPassword.isBlank();
    }

    /** Whether anyone can log in with a name and password (HTTP Basic, the console's login form). */
    public boolean hasUsers() {
        return !users.isEmpty() || hasLocalPassword();
    }

    @AssertTrue(message = "no way to authenticate: configure omnirouter.security.users, omnirouter.security.local-password"
            + " (local use only) or omnirouter.security.mode=jwt")
    public boolean isAuthenticationPossible() {
        return mode == Mode.JWT || hasUsers();
    }

    @AssertTrue(message = "omnirouter.security.local-password must have at least " + MIN_LOCAL_PASSWORD_LENGTH + " characters")
    public boolean isLocalPasswordLongEnough() {
        return !hasLocalPassword() || localPassword.length() >= MIN_LOCAL_PASSWORD_LENGTH;
    }

    @AssertTrue(message = "omnirouter.security.users: every name must be unique, and agent, supervisor and ops are taken"
            + " when omnirouter.security.local-password is set")
    public boolean isEveryUserNameUnique() {
        Set<String> names = new HashSet<>(hasLocalPassword() ? LocalUsers.NAMES : Set.of());
        return users.stream().filter(user -> user != null && user.name() != null).allMatch(user -> names.add(user.name()));
    }

    @Override
    public String toString() {
        return "SecurityProperties[mode=" + mode + ", users=" + users + ", localPassword=" + (hasLocalPassword() ? "(set)" : "(none)")
                + ", jwt=" + jwt + "]";
    }
}
