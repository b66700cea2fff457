package io.omnirouter.history.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The users of the configuration, as Spring Security sees them. */
public final class LocalUsers {

    /** The users {@code omnirouter.security.local-password} creates, one per role. */
    static final Map<String, Role> LOCAL = Map.of("agent", Role.AGENT, "supervisor", Role.SUPERVISOR, "ops", Role.OPS);
    static final Set<String> NAMES = LOCAL.keySet();

    private static final Logger log = LoggerFactory.getLogger(LocalUsers.class);

    private LocalUsers() {
    }

    public static List<UserDetails> of(SecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : properties.users()) {
            users.add(User.withUsername(user.name())
                    .password(user.passwordHash())
                    .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                    .build());
        }
        if (properties.hasLocalPassword()) {
            // Hashed here so that the plain password is only ever held by the configuration.
            String hash = encoder.encode(properties.localPassword());
            LOCAL.forEach((name, role) -> users.add(User.withUsername(name).password(hash).roles(role.name()).build()));
            log.warn("Local users {} are enabled by omnirouter.security.local-password: for local use only",
                    String.join(", ", NAMES.stream().sorted().toList()));
        }
        log.info("{} configured user(s) may log in", users.size());
        return users;
    }
}
