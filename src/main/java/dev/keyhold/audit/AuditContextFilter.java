package dev.keyhold.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the {@link AuditContext} of every request with the request's remote address and closes it afterwards, so no
 * actor outlives its request on a pooled thread. Runs before Spring Security (whose form sign-in is audited) and after
 * Spring's forwarded-header filter: the address is {@code X-Forwarded-For} only when {@code server.forward-headers-strategy}
 * is set, never otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditContextFilter extends OncePerRequestFilter {

    private final AuditContext context;

    AuditContextFilter(AuditContext context) {
        this.context = context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        this.context.begin(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            this.context.end();
        }
    }
}
