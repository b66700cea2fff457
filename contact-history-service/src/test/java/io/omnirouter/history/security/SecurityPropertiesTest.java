package io.omnirouter.history.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.core.userdetails.UserDetails;

class SecurityPropertiesTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("a password");
    private static final SecurityProperties.Jwt JWT = new SecurityProperties.Jwt("roles", "sub");

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void usersWithBcryptHashesAreValid() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS,
                List.of(new SecurityProperties.User("ana", HASH, Set.of(Role.SUPERVISOR))), null, JWT))).isEmpty();
    }

    @Test
    void aPlainPasswordInsteadOfAHashIsRefused() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS,
                List.of(new SecurityProperties.User("ana", "secret", Set.of(Role.AGENT))), null, JWT)))
                .contains("users[0].passwordHash: must be a BCrypt hash");
    }

    @Test
    void aUserNeedsARole() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS,
                List.of(new SecurityProperties.User("ana", HASH, Set.of())), null, JWT))).hasSize(1);
    }

    @Test
    void withoutUsersOnlyTheJwtModeCanAuthenticate() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS, List.of(), "", JWT)))
                .singleElement().asString().contains("no way to authenticate");
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.JWT, List.of(), "", JWT))).isEmpty();
    }

    @Test
    void aShortLocalPasswordIsRefused() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS, List.of(), "short", JWT)))
                .singleElement().asString().contains("at least 8 characters");
    }

    @Test
    void namesMustBeUniqueIncludingTheLocalUsers() {
        assertThat(violations(new SecurityProperties(SecurityProperties.Mode.USERS,
                List.of(new SecurityProperties.User("agent", HASH, Set.of(Role.AGENT))), "local-password", JWT)))
                .singleElement().asString().contains("unique");
    }

    @Test
    void theLocalPasswordMakesOneUserPerRoleAndNeverShowsInToString() {
        SecurityProperties properties = new SecurityProperties(SecurityProperties.Mode.USERS,
                List.of(new SecurityProperties.User("ana", HASH, Set.of(Role.SUPERVISOR, Role.AGENT))), "local-password", JWT);

        List<UserDetails> users = LocalUsers.of(properties, ENCODER);

        assertThat(users).extracting(UserDetails::getUsername).containsExactlyInAnyOrder("ana", "agent", "supervisor", "ops");
        UserDetails supervisor = users.stream().filter(user -> user.getUsername().equals("supervisor")).findFirst().orElseThrow();
        assertThat(supervisor.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SUPERVISOR");
        assertThat(ENCODER.matches("local-password", supervisor.getPassword())).isTrue();
        assertThat(properties.toString()).doesNotContain("local-password").doesNotContain(HASH);
    }

    private static List<String> violations(SecurityProperties properties) {
        return VALIDATOR.validate(properties).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
    }
}
