package dev.keyhold.api;

import dev.keyhold.audit.AuditContext;
import dev.keyhold.auth.Authenticator;
import dev.keyhold.auth.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /client/v4/**} request before its controller runs and stores the {@link Principal} for
 * {@link PrincipalArgumentResolver}. An {@code Authorization: Bearer} token wins over {@code X-Auth-Email} +
 * {@code X-Auth-Key}, because the SDKs send every configured credential at once; other headers ({@code api-version},
 * {@code X-Stainless-*}) are ignored. Failures are thrown and rendered by {@link ApiExceptionHandler}.
 */
@Component
class ApiAuthentication implements HandlerInterceptor {

    static final String PRINCIPAL_ATTRIBUTE = ApiAuthentication.class.getName() + ".principal";

    /** RFC 6750 {@code b64token}: what may follow "Bearer ". */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9\\-._~+/]+=*) *");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private static final Pattern KEY = Pattern.compile("\\S+");

    private final Authenticator authenticator;

    private final RateLimits rateLimits;

    private final AuditContext audit;

    ApiAuthentication(Authenticator authenticator, RateLimits rateLimits, AuditContext audit) {
        this.audit = audit;
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal principal = authenticate(request);
        this.audit.actAs(principal.actor());
        this.rateLimits.count(principal);
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        return true;
    }

    private Principal authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            var bearer = BEARER.matcher(authorization);
            if (!bearer.matches()) {
                throw CredentialsException.malformed(6111, "Invalid format for Authorization header");
            }
            return this.authenticator.bearer(bearer.group(1));
        }
        String email = present(request.getHeader("X-Auth-Email"));
        String key = present(request.getHeader("X-Auth-Key"));
        if (email == null && key == null) {
            throw CredentialsException.missing();
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw CredentialsException.malformed(6102, "Invalid format for X-Auth-Email header");
        }
        if (key == null || !KEY.matcher(key).matches()) {
            throw CredentialsException.malformed(6103, "Invalid format for X-Auth-Key header");
        }
        return this.authenticator.globalKey(email, key);
    }

    /** The trimmed header value, or null when the header is absent or blank. */
    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
