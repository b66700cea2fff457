package io.omnirouter.history.audit.web;

import io.omnirouter.history.audit.application.AuditingReads;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.web.RequestParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Records every successful request of a {@link ReadsCustomerData} method in the read audit: who (the authenticated
 * user), which customer, which endpoint (the route template Spring MVC matched), the {@code asOf} instant of a past
 * read; never a value of the path or the query, never anything of the answer but whose it is.
 *
 * <p>Why an annotation and this one class, not a line in each controller or a servlet filter: the reading endpoints are
 * marked where they are declared (a new one is audited by one annotation, and a reviewer sees at the method that it
 * is), and what is recorded is decided in one place that cannot get a route or a customer wrong per controller. A filter
 * would see neither the route template nor the answer. Spring MVC gives this class all it needs: the matched template,
 * the path variables, the user, and, as a {@link ResponseBodyAdvice}, the answer just before it is written. So
 * recording happens before any byte of a customer's data leaves: if the row cannot be written the request fails (a 500
 * problem) rather than answering unaudited. What is refused never gets here: 401 and 403 are answered by Spring
 * Security before any controller, and a 400 or 404 is an exception of the controller, whose problem is written by an
 * exception handler (not a {@code ReadsCustomerData} method). The live stream writes its own response, so there is no
 * body to advise: it is recorded once its subscription started, when the controller returned (as a
 * {@link HandlerInterceptor}, {@link ReadAuditWebConfiguration}).
 */
@RestControllerAdvice
class RecordingCustomerReads implements ResponseBodyAdvice<Object>, HandlerInterceptor {

    private static final String RECORDED = RecordingCustomerReads.class.getName() + ".recorded";

    private final AuditingReads auditing;

    RecordingCustomerReads(AuditingReads auditing) {
        this.auditing = auditing;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(ReadsCustomerData.class);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servletRequest && response instanceof ServletServerHttpResponse servletResponse) {
            record(servletRequest.getServletRequest(), servletResponse.getServletResponse().getStatus(), body);
        }
        return body;
    }

    /**
     * A method without a body that returned: it answered. Called only when the controller did not throw. The live stream
     * starts its servlet AsyncContext itself, not through Spring MVC's async support, so Spring MVC calls this for it
     * as for any request (not afterConcurrentHandlingStarted).
     */
    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
        if (handler instanceof HandlerMethod method && method.isVoid() && method.hasMethodAnnotation(ReadsCustomerData.class)) {
            record(request, response.getStatus(), null);
        }
    }

    private void record(HttpServletRequest request, int status, Object answer) {
        // Once per request; only what was answered (every read answers 200).
        if (status < 200 || status >= 300 || request.getAttribute(RECORDED) != null) {
            return;
        }
        request.setAttribute(RECORDED, Boolean.TRUE);
        UUID named = namedCustomer(request);
        Collection<UUID> customers = named != null ? List.of(named)
                : answer instanceof AboutCustomers about ? about.customersRead() : List.of();
        Object template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (template == null) {
            throw new IllegalStateException("a ReadsCustomerData request without the route template it matched");
        }
        // The controller read asOf already: here it is valid.
        auditing.record(Actors.of(user()), request.getMethod(), template.toString(),
                RequestParameters.asOf(request.getParameter("asOf")), customers);
    }

    private static UUID namedCustomer(HttpServletRequest request) {
        String raw = request.getParameter(ReadsCustomerData.CUSTOMER_PARAMETER);
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(ReadsCustomerData.CUSTOMER_PARAMETER) instanceof String variable) {
            raw = variable;
        }
        // The controller read it already: here it is a valid id or absent.
        return RequestParameters.optionalUuid(ReadsCustomerData.CUSTOMER_PARAMETER, raw);
    }

    private static Authentication user() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null) {
            // Every /api path needs an authenticated user (SecurityConfiguration): a read without one is not answered.
            throw new IllegalStateException("a ReadsCustomerData request without an authenticated user");
        }
        return user;
    }
}
