package io.omnirouter.history.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API path and the console need a user with one of the roles (SPEC §7, §8); only health and info are
 * open. The API answers refusals with problem details (401, 403), never with a redirect; the console's pages
 * redirect to the login form. CSRF protection applies to the console's session and is off for requests that
 * carry their own credentials (HTTP Basic, bearer token): no browser attaches those to a forged request,
 * because browsers are never asked for Basic credentials (see {@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String AGENT = Role.AGENT.name();
    private static final String SUPERVISOR = Role.SUPERVISOR.name();
    private static final String OPS = Role.OPS.name();
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService configuredUsers(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(LocalUsers.of(properties, encoder));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json,
                                            ObjectProvider<JwtDecoder> jwtDecoder) {
        ProblemResponses problems = new ProblemResponses(json, properties);
        // Requests answered with problem details rather than pages: the API, its description, the actuator.
        // (Per context: EndpointRequest matchers bind to the first application context they see.)
        RequestMatcher api = new OrRequestMatcher(pathPattern("/api/**"), pathPattern("/v3/api-docs"),
                pathPattern("/v3/api-docs/**"), pathPattern("/actuator/**"), EndpointRequest.toAnyEndpoint());
        http.authorizeHttpRequests(requests -> requests
                // The error page renders the outcome of a request that was authorized already (or refused).
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(OPS)
                .requestMatchers("/actuator/**").hasRole(OPS)
                .requestMatchers("/api/ops/**").hasRole(OPS)
                // Changes to customers: unmerge, clearing a shared identifier.
                .requestMatchers(HttpMethod.POST, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.PUT, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.PATCH, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.DELETE, "/api/customers/**").hasRole(SUPERVISOR)
                .anyRequest().hasAnyRole(AGENT, SUPERVISOR, OPS));

        AuthenticationEntryPoint pages = problems;
        if (properties.hasUsers()) {
            http.formLogin(form -> form.permitAll());
            http.logout(logout -> logout.permitAll());
            http.httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems));
            pages = new LoginUrlAuthenticationEntryPoint("/login");
        }
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            JwtDecoder decoder = jwtDecoder.getIfAvailable(() -> {
                throw new IllegalStateException("omnirouter.security.mode=jwt needs the token issuer: set"
                        + " spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri");
            });
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtRoles(properties.jwt())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        AuthenticationEntryPoint consolePages = pages;
        http.exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint((request, response, e) ->
                        (api.matches(request) ? problems : consolePages).commence(request, response, e))
                .accessDeniedHandler(problems));

        http.csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::carriesCredentials));
        // Scripts with Basic or bearer credentials get no session; the console's login creates one.
        http.sessionManagement(session -> session.sessionCreationPolicy(
                properties.hasUsers() ? SessionCreationPolicy.IF_REQUIRED : SessionCreationPolicy.STATELESS));
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        // Only pages are worth returning to after the login; an API request must not create a session.
        requestCache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !api.matches(request)
                && acceptsHtml(request));
        http.requestCache(cache -> cache.requestCache(requestCache));
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
