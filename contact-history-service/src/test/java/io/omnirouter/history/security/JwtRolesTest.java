package io.omnirouter.history.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesTest {

    @Test
    void readsAListOfRolesFromANestedClaim() {
        AbstractAuthenticationToken authentication = new JwtRoles(new SecurityProperties.Jwt("realm_access.roles", "preferred_username"))
                .convert(jwt(Map.of("realm_access", Map.of("roles", List.of("agent", "ROLE_OPS", "offline_access")),
                        "preferred_username", "ana")));

        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENT", "ROLE_OPS");
        assertThat(authentication.getName()).isEqualTo("ana");
    }

    @Test
    void readsRolesFromAStringSeparatedBySpacesOrCommas() {
        AbstractAuthenticationToken authentication = new JwtRoles(new SecurityProperties.Jwt("roles", "preferred_username"))
                .convert(jwt(Map.of("roles", "supervisor, agent")));

        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_SUPERVISOR", "ROLE_AGENT");
        // No such claim: the subject names the user.
        assertThat(authentication.getName()).isEqualTo("subject-1");
    }

    @Test
    void aMissingOrMalformedClaimGivesNoRoles() {
        JwtRoles roles = new JwtRoles(new SecurityProperties.Jwt("realm_access.roles", "sub"));

        assertThat(roles.convert(jwt(Map.of("scope", "read"))).getAuthorities()).isEmpty();
        assertThat(roles.convert(jwt(Map.of("realm_access", "agent"))).getAuthorities()).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("subject-1").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
