package io.omnirouter.history.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A verified bearer token as an authentication whose authorities are the roles named in the configured claim. */
public final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final List<String> rolesClaimPath;
    private final String nameClaim;

    public JwtRoles(SecurityProperties.Jwt properties) {
        this.rolesClaimPath = List.of(properties.rolesClaim().split("\\."));
        this.nameClaim = properties.nameClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values(claim(jwt.getClaims()))) {
            Role.fromClaimValue(value).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        String name = jwt.hasClaim(nameClaim) ? jwt.getClaimAsString(nameClaim) : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities, name);
    }

    private Object claim(Map<String, Object> claims) {
        Object value = claims;
        for (String segment : rolesClaimPath) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(segment);
        }
        return value;
    }

    private static Collection<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(item -> {
                if (item instanceof String s) {
                    values.add(s);
                }
            });
        } else if (claim instanceof String s) {
            for (String value : s.split("[\\s,]+")) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
