package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.V4Client;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook destinations at Cloudflare's {@code /accounts/{id}/alerting/v3/destinations/webhooks}: create, list, get,
 * replace and delete in the v4 envelope, no secret in any answer, and clear 400s for bad input.
 */
class WebhooksApiTests extends ExpiryApiTest {

    @Test
    void createsListsReadsReplacesAndDeletesAWebhookWithoutEverShowingItsSecret() {
        V4Client.Response created = this.api.post(
                webhooks(), Map.of("name", "On-call", "url", "https://alerts.keyhold.dev/hook", "secret", SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        JsonNode webhook = created.result();
        String id = webhook.get("id").asString();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(webhook.get("name").asString()).isEqualTo("On-call");
        assertThat(webhook.get("url").asString()).isEqualTo("https://alerts.keyhold.dev/hook");
        assertThat(webhook.get("type").asString()).isEqualTo("generic");
        assertThat(webhook.get("created_at").isNull()).isFalse();
        assertThat(webhook.get("last_success").isNull()).isTrue();
        assertThat(webhook.has("secret")).isFalse();

        V4Client.Response list = this.api.get(webhooks());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.result()).hasSize(1);
        assertThat(list.result().get(0).get("id").asString()).isEqualTo(id);
        assertThat(this.api.get(webhooks() + "/" + id).result().get("name").asString())
                .isEqualTo("On-call");

        V4Client.Response replaced = this.api.send(
                "PUT", webhooks() + "/" + id, Map.of("name", "Pager", "url", "http://127.0.0.1:9/alerts"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.result().get("name").asString()).isEqualTo("Pager");
        assertThat(replaced.result().get("url").asString()).isEqualTo("http://127.0.0.1:9/alerts");
        assertThat(this.jdbc
                        .sql("select secret from webhooks where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("a PUT without a secret keeps it")
                .isEqualTo(SECRET);

        assertThat(this.api.bodies()).noneMatch(body -> body.contains(SECRET));

        V4Client.Response deleted = this.api.delete(webhooks() + "/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result().get("id").asString()).isEqualTo(id);
        V4Client.Response gone = this.api.get(webhooks() + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("success").asBoolean()).isFalse();
        assertThat(gone.json().get("result").isNull()).isTrue();
        assertThat(this.api.get(webhooks()).result()).isEmpty();

        V4Client.Response audit =
                this.api.get("/accounts/" + this.accountId + "/audit_logs?resource.type=webhook&direction=asc");
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.result()).hasSize(3);
        assertThat(audit.result())
                .extracting(event -> event.get("action").get("type").asString())
                .containsExactly("create", "update", "delete");
        assertThat(audit.result())
                .allSatisfy(event ->
                        assertThat(event.get("resource").get("id").asString()).isEqualTo(id));
        assertThat(audit.body()).doesNotContain(SECRET).doesNotContain("/hook");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "null    | https://alerts.keyhold.dev/ | whsec-0123456789abcdef | name | name is required",
                "alerts  | null                        | whsec-0123456789abcdef | url  | url is required",
                "alerts  | ftp://alerts.keyhold.dev/   | whsec-0123456789abcdef | url  | must be an http or https URL",
                "alerts  | file:///etc/passwd          | whsec-0123456789abcdef | url  | must be an http or https URL",
                "alerts  | /relative/hook              | whsec-0123456789abcdef | url  | not a relative one",
                "alerts  | https://                    | whsec-0123456789abcdef | url  | not a valid URL",
                "alerts  | https://a b.dev/            | whsec-0123456789abcdef | url  | not a valid URL",
                "alerts  | https://u:p@alerts.dev/     | whsec-0123456789abcdef | url  | user name or password",
                "alerts  | https://alerts.keyhold.dev/ | null                   | secret | secret is required",
                "alerts  | https://alerts.keyhold.dev/ | short                  | secret | between 16 and 1024",
            })
    void refusesABadWebhookWithAClearError(String name, String url, String secret, String field, String says) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("secret", secret);
        V4Client.Response r = this.api.post(webhooks(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("result").isNull()).isTrue();
        assertThat(r.errorCode()).isEqualTo(1003);
        assertThat(r.errorMessage()).contains(says);
        assertThat(r.json().get("errors").get(0).get("source").get("pointer").asString())
                .isEqualTo("/" + field);
        assertThat(r.body()).doesNotContain("whsec-0123456789abcdef");
        assertThat(this.api.get(webhooks()).result()).isEmpty();
    }

    @Test
    void refusesAMalformedIdAnUnknownOneAndAnotherAccountsWebhook() {
        assertThat(this.api.get(webhooks() + "/not-a-uuid").status()).isEqualTo(400);
        assertThat(this.api
                        .get(webhooks() + "/00000000-0000-4000-8000-000000000000")
                        .status())
                .isEqualTo(404);
        String id = webhook("/hook");
        String otherAccount = this.api
                .post("/accounts", Map.of("name", "Other " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        String elsewhere = "/accounts/" + otherAccount + "/alerting/v3/destinations/webhooks/" + id;
        assertThat(this.api.get(elsewhere).status()).isEqualTo(404);
        assertThat(this.api.delete(elsewhere).status()).isEqualTo(404);
        assertThat(this.api.get(webhooks() + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedInTheEnvelope() {
        V4Client.Response r = this.api.post(webhooks(), "not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }
}
