package dev.keyhold.expiry;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.tenancy.AccountId;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook facade: an account's webhook destinations and what was delivered to each. Callers authorize the
 * account first. Secrets go in and never come out.
 */
@Service
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final WebhookRepository webhooks;

    private final DeliveryRepository deliveries;

    private final Clock clock;

    private final AuditLog audit;

    private final TransactionTemplate transactions;

    private final WebhookAddresses addresses;

    Webhooks(
            WebhookRepository webhooks,
            DeliveryRepository deliveries,
            Clock clock,
            AuditLog audit,
            TransactionTemplate transactions,
            ExpirySettings settings) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.clock = clock;
        this.audit = audit;
        this.transactions = transactions;
        this.addresses = new WebhookAddresses(settings.allowPrivateAddresses());
    }

    /**
     * @throws InvalidWebhookException for a missing name, a URL that is not http(s) or not public, or a missing or short
     *     secret
     */
    public Webhook create(AccountId account, WebhookRequest request) {
        // NOTE: the URL's host is resolved before the transaction, so a slow DNS answer holds no connection
        WebhookRequest.Valid valid = valid(request, true);
        Webhook webhook =
                new Webhook(WebhookId.random(), account, valid.name(), valid.url(), this.clock.instant(), null, null);
        this.transactions.executeWithoutResult(status -> {
            this.webhooks.insert(webhook, valid.secret());
            this.audit.changed(account.value(), Action.CREATE, resource(webhook.id()), detail(webhook));
        });
        log.info(
                "Created webhook {} of account {} for {}",
                webhook.id(),
                account,
                webhook.url().getHost());
        return webhook;
    }

    public List<Webhook> list(AccountId account) {
        return this.webhooks.list(account);
    }

    public Webhook require(AccountId account, WebhookId id) {
        return this.webhooks.find(account, id).orElseThrow(() -> new WebhookNotFoundException(id));
    }

    /** Replaces name and URL, and the secret when the request has one. */
    public Webhook update(AccountId account, WebhookId id, WebhookRequest request) {
        WebhookRequest.Valid valid = valid(request, false);
        return this.transactions.execute(status -> {
            if (!this.webhooks.update(account, id, valid.name(), valid.url(), valid.secret())) {
                throw new WebhookNotFoundException(id);
            }
            Webhook webhook = require(account, id);
            this.audit.changed(
                    account.value(),
                    Action.UPDATE,
                    resource(id),
                    detail(webhook) + (valid.secret() != null ? ", new secret" : ""));
            return webhook;
        });
    }

    private WebhookRequest.Valid valid(WebhookRequest request, boolean secretRequired) {
        WebhookRequest.Valid valid = request.validate(secretRequired);
        this.addresses.checkOnSave(valid.url());
        return valid;
    }

    /** Deletes the webhook and its deliveries, pending ones included. */
    @Transactional
    public void delete(AccountId account, WebhookId id) {
        if (!this.webhooks.delete(account, id)) {
            throw new WebhookNotFoundException(id);
        }
        this.audit.changed(account.value(), Action.DELETE, resource(id), null);
        log.info("Deleted webhook {} of account {}", id, account);
    }

    /** A page of the webhook's deliveries, newest first. */
    public List<Delivery> deliveries(AccountId account, WebhookId id, long offset, int limit) {
        require(account, id);
        return this.deliveries.list(id, offset, limit);
    }

    public long countDeliveries(AccountId account, WebhookId id) {
        require(account, id);
        return this.deliveries.count(id);
    }

    private static Resource resource(WebhookId id) {
        return Resource.of(Resource.WEBHOOK, id);
    }

    /** Name and host, never the secret (nor the URL's path and query, which may carry a token of the receiver). */
    private static String detail(Webhook webhook) {
        return "name " + webhook.name() + ", host " + webhook.url().getHost();
    }
}
