package io.omnirouter.history.security.web;

import io.omnirouter.history.security.SecurityProperties;
import io.omnirouter.history.shared.web.ErrorProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals as RFC 9457 problem details, like every other error of the API: 401 without (valid)
 * credentials, 403 for a role that may not do it or a session request without its CSRF token.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "Omnirouter";

    private final JsonMapper json;
    private final SecurityProperties properties;

    ProblemResponses(JsonMapper json, SecurityProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean badToken = e instanceof OAuth2AuthenticationException;
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"" + (badToken ? ", error=\"invalid_token\"" : ""));
        }
        if (properties.hasUsers()) {
            // Browsers would answer a Basic challenge with their own password dialog and then send the cached
            // credentials with every request, forged cross-site ones too: they log in through the form instead.
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, fromBrowser(request)
                    ? "Cookie realm=\"" + REALM + "\", form-action=\"/login\""
                    : "Basic realm=\"" + REALM + "\"");
        }
        write(response, HttpStatus.UNAUTHORIZED, badToken
                ? "the bearer token is not valid (signature, issuer or expiry)"
                : "authentication is required: " + ways());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, HttpStatus.FORBIDDEN, e instanceof CsrfException
                ? "the CSRF token of the session is missing or invalid: reload the page"
                : "your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * A request Spring Security's firewall refused (an encoded slash, NUL or "..", a path that normalizes away from
     * what it says): 400, without echoing the path, which is the hostile part.
     */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        write(response, HttpStatus.BAD_REQUEST, "the request's path or parameters contain characters or sequences the"
                + " service refuses (encoded slashes, NUL, '..', control characters)");
    }

    /** Fetch metadata headers are sent by every current browser and by no command-line client. */
    static boolean fromBrowser(HttpServletRequest request) {
        return request.getHeader("Sec-Fetch-Mode") != null;
    }

    private String ways() {
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            return properties.hasUsers() ? "a bearer token, HTTP Basic or the console's login" : "a bearer token";
        }
        return "HTTP Basic or the console's login";
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", ErrorProblems.occurrence().toString());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
