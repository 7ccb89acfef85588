package dev.keyhold.web;

import dev.keyhold.audit.AuditContext;
import dev.keyhold.auth.Authenticator;
import dev.keyhold.auth.Principal;
import dev.keyhold.system.DatabaseOutages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a signed-in user's roles afresh on every dashboard request, after Spring Security restored the session: a
 * role the operator changed applies at the next page, and a user who no longer exists is signed out at once. Names
 * the user as the actor of whatever the page changes in the audit log.
 */
@Component
class SignedInRefresh extends OncePerRequestFilter {

    private final Authenticator authenticator;

    private final DatabaseOutages outages;

    private final AuditContext audit;

    SignedInRefresh(Authenticator authenticator, DatabaseOutages outages, AuditContext audit) {
        this.authenticator = authenticator;
        this.outages = outages;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/client/v4/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current instanceof PasswordSignIn.SignedIn signedIn) {
            Optional<Principal> fresh;
            try {
                fresh = this.authenticator.signedIn(signedIn.email());
            } catch (RuntimeException ex) {
                if (!DatabaseOutages.isOutage(ex)) {
                    throw ex;
                }
                // NOTE: a filter is outside DashboardErrors' reach; Spring Boot's error page renders error/503
                this.outages.report(ex, "dashboard " + request.getMethod() + " " + request.getRequestURI());
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            if (fresh.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/sign-in");
                return;
            }
            SecurityContextHolder.getContext()
                    .setAuthentication(new PasswordSignIn.SignedIn(signedIn.email(), fresh.get()));
            this.audit.actAs(fresh.get().actor());
        }
        chain.doFilter(request, response);
    }
}
