package dev.keyhold.api;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records every refused change request of an authenticated caller (a POST, PUT, PATCH or DELETE answered 4xx) in the
 * audit log, in a transaction of its own: the action and resource come from the route, the reason is the Cloudflare
 * error code {@link ApiExceptionHandler} answered with. The event belongs to the target account only when the caller
 * can see that account; otherwise to no account, so a probe never writes into another tenant's log.
 */
@Component
class RefusalAudit implements HandlerInterceptor {

    private static final String PREFIX = "/client/v4/";

    private static final String ERROR_CODE = RefusalAudit.class.getName() + ".code";

    private static final Map<String, String> RESOURCES = Map.of(
            "custom_csrs", Resource.CUSTOM_CSR,
            "custom_certificates", Resource.CUSTOM_CERTIFICATE,
            "custom_hostnames", Resource.CUSTOM_HOSTNAME,
            "tokens", Resource.API_TOKEN,
            "webhooks", Resource.WEBHOOK,
            "zones", Resource.ZONE,
            "accounts", Resource.ACCOUNT);

    private final AuditLog audit;

    private final Tenancy tenancy;

    RefusalAudit(AuditLog audit, Tenancy tenancy) {
        this.audit = audit;
        this.tenancy = tenancy;
    }

    /** Notes the error code of the current request's failure, for {@link #afterCompletion}. */
    static void remember(ApiError error) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(ERROR_CODE, error.code(), RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        Optional<Action> action = action(request.getMethod());
        Object principal = request.getAttribute(ApiAuthentication.PRINCIPAL_ATTRIBUTE);
        int status = response.getStatus();
        String uri = request.getRequestURI();
        if (action.isEmpty()
                || !(principal instanceof Principal caller)
                || status < 400
                || status >= 500
                || !uri.startsWith(PREFIX)) {
            return;
        }
        String[] path = uri.substring(PREFIX.length()).split("/");
        // NOTE: the resource is the innermost known collection: webhooks in accounts/{a}/alerting/v3/destinations/..
        int at = path.length - 1;
        while (at > 0 && !RESOURCES.containsKey(path[at])) {
            at--;
        }
        if (!RESOURCES.containsKey(path[at])) {
            at = path.length > 2 ? 2 : 0;
        }
        String type = RESOURCES.getOrDefault(path[at], path[at]);
        String id = at + 1 < path.length ? path[at + 1] : null;
        Action refused = "prioritize".equals(id) ? Action.UPDATE : action.get();
        Object code = request.getAttribute(ERROR_CODE);
        this.audit.refused(
                account(caller, path),
                refused,
                new Resource(type, "prioritize".equals(id) ? null : id),
                code == null ? "http_" + status : String.valueOf(code),
                request.getMethod() + " " + uri);
    }

    private String account(Principal caller, String[] path) {
        if (path.length < 2) {
            return null;
        }
        Optional<AccountId> account = Optional.empty();
        if ("accounts".equals(path[0]) && AccountId.isWellFormed(path[1])) {
            account = Optional.of(new AccountId(path[1]));
        } else if ("zones".equals(path[0]) && ZoneId.isWellFormed(path[1])) {
            account = this.tenancy.findZone(new ZoneId(path[1])).map(Zone::accountId);
        }
        return account.filter(caller::sees).map(AccountId::value).orElse(null);
    }

    private static Optional<Action> action(String method) {
        return switch (method) {
            case "POST" -> Optional.of(Action.CREATE);
            case "PUT", "PATCH" -> Optional.of(Action.UPDATE);
            case "DELETE" -> Optional.of(Action.DELETE);
            default -> Optional.empty();
        };
    }
}
