package io.omnirouter.history.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Session")
class CurrentUserController {

    /** @param roles AGENT, SUPERVISOR, OPS: those the user has */
    record CurrentUser(String name, List<String> roles) {
    }

    @GetMapping("/api/me")
    @Operation(summary = "Who the credentials belong to, and their roles",
            description = "The console shows it; scripts can check their credentials with it.")
    CurrentUser me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new CurrentUser(authentication.getName(), roles);
    }
}
