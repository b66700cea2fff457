package io.omnirouter.history.security.web;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import io.omnirouter.history.security.JwtRoles;
import io.omnirouter.history.security.LocalUsers;
import io.omnirouter.history.security.Role;
import io.omnirouter.history.security.PasswordCheckProperties;
import io.omnirouter.history.security.RememberedPasswordChecks;
import io.omnirouter.history.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API path and the console need a user with one of the roles (see
 * contact-history-service/docs/security-and-console.md); only health and info are open. The API answers refusals
 * with problem details (401, 403), never with a redirect; the console's pages redirect to the login form. CSRF
 * protection applies to the console's session and is off for requests that carry their own credentials (HTTP
 * Basic, bearer token): no browser attaches those to a forged request, because browsers are never asked for Basic
 * credentials (see {@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, PasswordCheckProperties.class})
class SecurityConfiguration {

    private static final String AGENT = Role.AGENT.name();
    private static final String SUPERVISOR = Role.SUPERVISOR.name();
    private static final String OPS = Role.OPS.name();
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder(PasswordCheckProperties checks) {
        return new RememberedPasswordChecks(new BCryptPasswordEncoder(), checks);
    }

    @Bean
    UserDetailsService configuredUsers(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(LocalUsers.of(properties, encoder));
    }

    /** The firewall's refusals as problem details too (its default is a bare 400 and Boot's error page). */
    @Bean
    RequestRejectedHandler requestRejectedAsProblem(JsonMapper json, SecurityProperties properties) {
        return new ProblemResponses(json, properties)::rejected;
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
                // Who read which customer's data (the read audit): supervisors only.
                .requestMatchers("/api/audit/**").hasRole(SUPERVISOR)
                // Everything held about a person at once (the personal-data export): supervisors only.
                .requestMatchers("/api/customers/*/export").hasRole(SUPERVISOR)
                // Previewing an unmerge and listing agents' absences: the supervisors' tools, read before they act.
                .requestMatchers(HttpMethod.GET, "/api/customers/*/merges/*/unmerge-preview").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.GET, "/api/absences").hasRole(SUPERVISOR)
                // Consents are about the person, not the service: not for OPS, who reads the rest of the API.
                .requestMatchers(HttpMethod.GET, "/api/customers/*/consents").hasAnyRole(AGENT, SUPERVISOR)
                // Notes are what agents write for the next agent.
                .requestMatchers(HttpMethod.POST, "/api/customers/*/notes").hasAnyRole(AGENT, SUPERVISOR)
                // Presence (who else is looking at a customer, heartbeats included: no change to the customer) is for
                // those who work customers.
                .requestMatchers("/api/customers/*/viewers", "/api/customers/*/viewers/me").hasAnyRole(AGENT, SUPERVISOR)
                // Changes to customers: unmerge, clearing a shared identifier.
                .requestMatchers(HttpMethod.POST, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.PUT, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.PATCH, "/api/customers/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.DELETE, "/api/customers/**").hasRole(SUPERVISOR)
                // Absences decide who gets whose work: supervisors manage them.
                .requestMatchers(HttpMethod.PUT, "/api/agents/**").hasRole(SUPERVISOR)
                .requestMatchers(HttpMethod.DELETE, "/api/agents/**").hasRole(SUPERVISOR)
                .anyRequest().hasAnyRole(AGENT, SUPERVISOR, OPS));

        // The API's refusals are problem details. Set as a default for API requests only, not as the entry point of
        // everything: the form login then sends pages to the login form, and its default login page stays on.
        http.exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(problems, api)
                .accessDeniedHandler(problems));
        if (properties.hasUsers()) {
            http.formLogin(form -> form.permitAll());
            http.logout(logout -> logout.permitAll());
            http.httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems));
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

        http.csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::carriesCredentials));
        // Requests with Basic or bearer credentials get no session (their filters keep the authentication in the
        // request); the console's login creates one. Without users there is no login, so no session at all. (Setting
        // a policy in users mode would add a SessionManagementFilter, which stores every authentication in a session.)
        if (!properties.hasUsers()) {
            http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        }
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
