package io.omnirouter.history.shared.action.web;

import io.omnirouter.history.shared.action.application.TakingActions.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who takes an action, as Spring Security authenticated them: their name and their roles without {@code ROLE_}. */
public final class Actors {

    private Actors() {
    }

    public static Actor of(Authentication user) {
        return new Actor(user.getName(), user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring("ROLE_".length()))
                .sorted().toList());
    }
}
