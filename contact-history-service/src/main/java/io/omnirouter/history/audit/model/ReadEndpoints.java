package io.omnirouter.history.audit.model;

import java.util.regex.Pattern;

/**
 * How the read audit names an endpoint: the HTTP method and the route template that matched, e.g.
 * {@code GET /api/customers/{customerId}/timeline}. A template holds the names of its variables, never their values
 * (an id, a thread key that is an e-mail message id), and no query string (an e-mail address typed into a lookup).
 */
public final class ReadEndpoints {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{3,7}");
    // Literal segments and {variable} / {*rest} placeholders: what Spring's route templates are made of. No '?' (a
    // query string), no ':' or '@' (a thread key), no '%' (an encoded value).
    private static final Pattern ROUTE_TEMPLATE = Pattern.compile("(/([A-Za-z0-9._-]+|\\{\\*?[A-Za-z][A-Za-z0-9]*}))+/?");

    private ReadEndpoints() {
    }

    /** @throws IllegalArgumentException if {@code method} is no HTTP method or {@code routeTemplate} no route template */
    public static String of(String method, String routeTemplate) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("not an HTTP method");
        }
        if (routeTemplate == null || routeTemplate.length() > 200 || !ROUTE_TEMPLATE.matcher(routeTemplate).matches()) {
            throw new IllegalArgumentException("not a route template");
        }
        return method + " " + routeTemplate;
    }
}
