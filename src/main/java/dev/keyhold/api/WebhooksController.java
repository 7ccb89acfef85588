package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.expiry.WebhookId;
import dev.keyhold.expiry.Webhooks;
import dev.keyhold.tenancy.AccountId;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook destinations for expiry alerts, at Cloudflare's {@code /accounts/{account_id}/alerting/v3/destinations/webhooks},
 * plus Keyhold's {@code .../{webhook_id}/deliveries}. Reading needs SSL and Certificates Read on the account, changing
 * needs SSL and Certificates Write. No response ever carries a secret.
 */
@RestController
@RequestMapping("/client/v4/accounts/{account_id}/alerting/v3/destinations/webhooks")
class WebhooksController {

    static final int DEFAULT_PER_PAGE = 20;

    private final Webhooks webhooks;

    private final Scopes scopes;

    WebhooksController(Webhooks webhooks, Scopes scopes) {
        this.webhooks = webhooks;
        this.scopes = scopes;
    }

    @PostMapping
    Envelope<WebhookView> create(
            @PathVariable("account_id") String accountId, @RequestBody WebhookBody body, Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        return Envelope.ok(WebhookView.of(this.webhooks.create(account, body.toRequest())));
    }

    @GetMapping
    Envelope<List<WebhookView>> list(@PathVariable("account_id") String accountId, Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_READ);
        return Envelope.ok(
                this.webhooks.list(account).stream().map(WebhookView::of).toList());
    }

    @GetMapping("/{webhook_id}")
    Envelope<WebhookView> get(
            @PathVariable("account_id") String accountId,
            @PathVariable("webhook_id") String webhookId,
            Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_READ);
        return Envelope.ok(WebhookView.of(this.webhooks.require(account, webhookId(webhookId))));
    }

    @PutMapping("/{webhook_id}")
    Envelope<WebhookView> update(
            @PathVariable("account_id") String accountId,
            @PathVariable("webhook_id") String webhookId,
            @RequestBody WebhookBody body,
            Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        return Envelope.ok(WebhookView.of(this.webhooks.update(account, webhookId(webhookId), body.toRequest())));
    }

    @DeleteMapping("/{webhook_id}")
    Envelope<IdResult> delete(
            @PathVariable("account_id") String accountId,
            @PathVariable("webhook_id") String webhookId,
            Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        WebhookId id = webhookId(webhookId);
        this.webhooks.delete(account, id);
        return Envelope.ok(new IdResult(id.value()));
    }

    @GetMapping("/{webhook_id}/deliveries")
    Envelope<List<DeliveryView>> deliveries(
            @PathVariable("account_id") String accountId,
            @PathVariable("webhook_id") String webhookId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            Principal principal) {
        AccountId account = account(principal, accountId, Permission.ACCOUNT_SSL_READ);
        WebhookId id = webhookId(webhookId);
        PageRequest request = PageRequest.of(page, perPage, DEFAULT_PER_PAGE);
        List<DeliveryView> result = this.webhooks.deliveries(account, id, request.offset(), request.perPage()).stream()
                .map(DeliveryView::of)
                .toList();
        return Envelope.page(result, ResultInfo.of(request, result.size(), this.webhooks.countDeliveries(account, id)));
    }

    private AccountId account(Principal principal, String accountId, Permission permission) {
        return this.scopes.account(principal, accountId, permission).id();
    }

    private static WebhookId webhookId(String raw) {
        if (!WebhookId.isWellFormed(raw)) {
            throw new MalformedIdentifierException("webhook id");
        }
        return new WebhookId(raw);
    }
}
