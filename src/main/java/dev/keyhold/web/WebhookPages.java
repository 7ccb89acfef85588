package dev.keyhold.web;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.expiry.Delivery;
import dev.keyhold.expiry.InvalidWebhookException;
import dev.keyhold.expiry.Webhook;
import dev.keyhold.expiry.WebhookId;
import dev.keyhold.expiry.WebhookNotFoundException;
import dev.keyhold.expiry.WebhookRequest;
import dev.keyhold.expiry.Webhooks;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's webhook destinations for expiry alerts: list, add, delete, and each one's newest deliveries. Reading
 * needs SSL and Certificates Read on the account and changing needs Write, as through the API; the rules and words
 * are the API's ({@link Webhooks}). A secret goes in and is never shown, not even back in a refused form.
 */
@Controller
class WebhookPages {

    /** The deliveries shown on a webhook's page, newest first. */
    static final int DELIVERIES = 20;

    private final Places places;

    private final Webhooks webhooks;

    WebhookPages(Places places, Webhooks webhooks) {
        this.places = places;
        this.webhooks = webhooks;
    }

    @GetMapping("/accounts/{accountId}/webhooks")
    String list(@AuthenticationPrincipal Principal principal, @PathVariable String accountId, Model model) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_SSL_READ);
        return page(principal, place, model, null, new WebhookFormState("", ""));
    }

    @PostMapping("/accounts/{accountId}/webhooks")
    String create(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "url", defaultValue = "") String url,
            @RequestParam(name = "secret", defaultValue = "") String secret,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        try {
            // NOTE: an empty field is sent as missing, so the facade answers with its own "is required" words
            Webhook created = this.webhooks.create(
                    place.account().id(), new WebhookRequest(orNull(name), orNull(url), orNull(secret)));
            redirect.addFlashAttribute(
                    "notice",
                    "Added the webhook " + created.name() + ". It receives the account's next expiry alerts.");
            return "redirect:/accounts/" + accountId + "/webhooks";
        } catch (InvalidWebhookException ex) {
            return page(principal, place, model, ex, new WebhookFormState(name, url));
        }
    }

    @GetMapping("/accounts/{accountId}/webhooks/{webhookId}")
    String show(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @PathVariable String webhookId,
            Model model) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_SSL_READ);
        Webhook webhook = require(place, webhookId);
        model.addAttribute("place", place);
        model.addAttribute("section", "webhooks");
        model.addAttribute("webhook", new WebhookRow(webhook));
        try {
            model.addAttribute(
                    "deliveries",
                    this.webhooks.deliveries(place.account().id(), webhook.id(), 0, DELIVERIES).stream()
                            .map(DeliveryRow::new)
                            .toList());
            model.addAttribute(
                    "total", this.webhooks.countDeliveries(place.account().id(), webhook.id()));
        } catch (WebhookNotFoundException ex) {
            // deleted between the two reads
            throw new PageNotFoundException("webhook " + webhookId);
        }
        return "webhook";
    }

    @PostMapping("/accounts/{accountId}/webhooks/{webhookId}/delete")
    String delete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @PathVariable String webhookId,
            RedirectAttributes redirect) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        Webhook webhook = require(place, webhookId);
        try {
            this.webhooks.delete(place.account().id(), webhook.id());
        } catch (WebhookNotFoundException ex) {
            throw new PageNotFoundException("webhook " + webhookId);
        }
        redirect.addFlashAttribute(
                "notice", "Deleted the webhook " + webhook.name() + " and its deliveries. It receives no more alerts.");
        return "redirect:/accounts/" + accountId + "/webhooks";
    }

    private Webhook require(Place place, String rawId) {
        if (!WebhookId.isWellFormed(rawId)) {
            throw new PageNotFoundException("webhook " + rawId);
        }
        try {
            return this.webhooks.require(place.account().id(), new WebhookId(rawId));
        } catch (WebhookNotFoundException ex) {
            throw new PageNotFoundException("webhook " + rawId);
        }
    }

    private String page(
            Principal principal, Place place, Model model, InvalidWebhookException error, WebhookFormState form) {
        model.addAttribute("place", place);
        model.addAttribute("section", "webhooks");
        model.addAttribute(
                "webhooks",
                this.webhooks.list(place.account().id()).stream()
                        .map(WebhookRow::new)
                        .toList());
        model.addAttribute(
                "canWrite",
                principal.can(Permission.ACCOUNT_SSL_WRITE, place.account().id()));
        model.addAttribute("formError", error == null ? null : error.getMessage());
        model.addAttribute("formField", error == null ? null : error.field());
        model.addAttribute("form", form);
        return "webhooks";
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** The add form as the user left it: never the secret. */
    public record WebhookFormState(String name, String url) {}

    /** A webhook in the table or on its page: never its secret. */
    public record WebhookRow(Webhook webhook) {

        public String id() {
            return this.webhook.id().value();
        }

        public String name() {
            return this.webhook.name();
        }

        public String url() {
            return this.webhook.url().toString();
        }

        public String created() {
            return Display.instant(this.webhook.createdAt());
        }

        public String lastSuccess() {
            return Display.instant(this.webhook.lastSuccess());
        }

        public String lastFailure() {
            return Display.instant(this.webhook.lastFailure());
        }
    }

    /** A delivery in the webhook's table. */
    public record DeliveryRow(Delivery delivery) {

        public String created() {
            return Display.instant(this.delivery.createdAt());
        }

        public String status() {
            return this.delivery.status().apiName();
        }

        /** The badge class of the status: delivered is good, failed is bad, pending is waiting. */
        public String badge() {
            return switch (this.delivery.status()) {
                case DELIVERED -> "badge-ok";
                case FAILED -> "badge-danger";
                case PENDING -> "badge-warn";
            };
        }

        public int attempts() {
            return this.delivery.attempts();
        }

        public String lastStatusCode() {
            return this.delivery.lastStatusCode() == null ? "—" : String.valueOf(this.delivery.lastStatusCode());
        }

        public String lastError() {
            return this.delivery.lastError() == null ? "—" : this.delivery.lastError();
        }

        public String nextAttempt() {
            return Display.instant(this.delivery.nextAttemptAt());
        }

        public String deliveredAt() {
            return Display.instant(this.delivery.deliveredAt());
        }

        public String certificateId() {
            return this.delivery.certificateId();
        }

        public int thresholdDays() {
            return this.delivery.thresholdDays();
        }

        public String element() {
            return this.delivery.element();
        }

        public String expiresOn() {
            return Display.instant(this.delivery.expiresOn());
        }
    }
}
