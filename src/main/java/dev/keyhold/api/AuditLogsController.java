package dev.keyhold.api;

import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.AuditQuery;
import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log, as Cloudflare's {@code GET /accounts/{account_id}/audit_logs}: reading an account's events needs
 * Account Settings Read on it. {@code GET /user/audit_logs} lists every event, of every account and of none (sign-ins,
 * failed authentications), for the operator only.
 */
@RestController
@RequestMapping("/client/v4")
class AuditLogsController {

    /** Cloudflare's default and largest page of audit logs. */
    static final int DEFAULT_PER_PAGE = 100;

    static final int MAX_PER_PAGE = 1000;

    private final AuditLog audit;

    private final Scopes scopes;

    AuditLogsController(AuditLog audit, Scopes scopes) {
        this.audit = audit;
        this.scopes = scopes;
    }

    @GetMapping("/accounts/{account_id}/audit_logs")
    Envelope<List<AuditLogView>> account(
            @PathVariable("account_id") String accountId,
            @RequestParam Map<String, String> params,
            Principal principal) {
        String account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_SETTINGS_READ)
                .id()
                .value();
        return list(Optional.of(account), params);
    }

    @GetMapping("/user/audit_logs")
    Envelope<List<AuditLogView>> all(@RequestParam Map<String, String> params, Principal principal) {
        if (!principal.isOperator()) {
            throw new AccessDeniedException(principal.describe() + " cannot read the audit log of every account");
        }
        return list(Optional.empty(), params);
    }

    private Envelope<List<AuditLogView>> list(Optional<String> account, Map<String, String> params) {
        PageRequest page = PageRequest.of(params.get("page"), params.get("per_page"), DEFAULT_PER_PAGE, MAX_PER_PAGE);
        AuditQuery query = AuditLogFilters.parse(account, params);
        List<AuditLogView> events = this.audit.find(query, page.offset(), page.perPage()).stream()
                .map(AuditLogView::of)
                .toList();
        return Envelope.page(events, ResultInfo.of(page, events.size(), this.audit.count(query)));
    }
}
