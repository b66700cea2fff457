package io.omnirouter.support.instance;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Names the instance that answered on every HTTP response, the health endpoint's and refusals included. */
public class InstanceHeaderFilter extends OncePerRequestFilter {

    public static final String HEADER = "Omnirouter-Instance";

    private final String instanceId;

    public InstanceHeaderFilter(String instanceId) {
        this.instanceId = instanceId;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Before the chain: a response the security filters or an error page complete still carries it.
        response.setHeader(HEADER, instanceId);
        chain.doFilter(request, response);
    }
}
