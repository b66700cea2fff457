package io.omnirouter.history.security;

import java.util.Locale;
import java.util.Optional;

/** What a user may do (contact-history-service/docs/security-and-console.md): agents read, supervisors also undo merges, ops run the service. */
public enum Role {
    /** Reads customers, timelines, threads and the live stream; works tasks. */
    AGENT,
    /** Everything an agent reads, plus changes to customers (unmerge, clearing shared identifiers) and the read audit. */
    SUPERVISOR,
    /** Everything an agent reads, plus actuator endpoints (metrics) and {@code /api/ops/**} (rebuild, replays). */
    OPS;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** A role named in a token claim: case-insensitive, with or without the {@code ROLE_} prefix. */
    static Optional<Role> fromClaimValue(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
