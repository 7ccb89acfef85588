package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What the audit log records of the API's changes and key uses, read back through
 * {@code GET /accounts/{account_id}/audit_logs}: exactly one event per change with its actor, account, resource, time
 * and client address, nothing of a change that rolled back, and never a secret.
 */
class AuditLogApiTests extends CertificateApiTest {

    static final String ACCOUNT_SETTINGS_READ = "c1fde68c7bcc44588cbb6ddbc16d6480";

    static final String ZONE_SSL_WRITE = "c03055bc037c4ea9afb9a9f104b7b721";

    @Autowired
    Tenancy tenancy;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void creatingAndDeletingACsrRecordsEachChangeAndEachKeyUseOnce() {
        Instant before = this.clock.instant();
        String id = zoneCsr(host("www")).get("id").asString();
        Instant after = this.clock.instant();
        String key = keyOf("custom_csrs", id);

        JsonNode created = only(events(""), id, "create");
        assertThat(created.at("/action/result").asBoolean()).isTrue();
        assertThat(created.at("/resource/type").asString()).isEqualTo("custom_csr");
        assertThat(created.at("/actor/type").asString()).isEqualTo("operator");
        assertThat(created.at("/actor/email").asString()).isEqualTo(TestDatabase.OPERATOR_EMAIL);
        assertThat(created.at("/actor/ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(created.at("/owner/id").asString()).isEqualTo(this.accountId);
        assertThat(Instant.parse(created.get("when").asString())).isBetween(before, after);
        JsonNode signed = only(events(""), key, "sign");
        assertThat(signed.at("/resource/type").asString()).isEqualTo("private_key");
        assertThat(signed.at("/metadata/detail").asString()).isEqualTo("sign custom CSR " + id);
        assertThat(events(""))
                .filteredOn(e -> key.equals(e.at("/resource/id").asString()))
                .hasSize(1);

        assertThat(this.api
                        .delete("/zones/" + this.zoneId + "/custom_csrs/" + id)
                        .status())
                .isEqualTo(200);

        only(events(""), id, "delete");
        JsonNode destroyed = only(events(""), key, "destroy");
        assertThat(destroyed.at("/metadata/detail").asString()).isEqualTo("destroy with custom CSR " + id);
        assertThat(events(""))
                .filteredOn(e -> id.equals(e.at("/resource/id").asString()))
                .hasSize(2);
    }

    @Test
    void anUploadedKeyIsRecordedAsImportedAndDestroyedWithItsCertificateAndNeverAsMaterial() {
        KeyPair keys = TestCa.ec("secp256r1");
        String privateKey = pkcs8(keys);
        String leaf = TestCa.pem(
                CA.leaf(keys.getPublic(), host("www")).certificate(),
                CA.intermediate().certificate());

        V4Client.Response created = upload(withKey(leaf, privateKey));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.result().get("id").asString();
        String key = keyOf("custom_certificates", id);

        only(events(""), id, "create");
        JsonNode imported = only(events(""), key, "import");
        assertThat(imported.at("/metadata/detail").asString()).isEqualTo("import key for custom certificate " + id);
        assertThat(this.api.delete(certificates() + "/" + id).status()).isEqualTo(200);
        only(events(""), id, "delete");
        only(events(""), key, "destroy");
        assertNoKeyMaterial(
                this.api.get(audit(this.accountId) + "?per_page=1000").body(), privateKey);
    }

    @Test
    void aRefusedUploadLeavesNoChangeOrKeyEventButARecordOfTheRefusal() {
        KeyPair certified = TestCa.ec("secp256r1");
        String leaf = TestCa.pem(
                CA.leaf(certified.getPublic(), host("www")).certificate(),
                CA.intermediate().certificate());
        long imports = total(audit(this.accountId) + "?action.type=import");
        long keys = count("sealed_keys");

        V4Client.Response refused = upload(withKey(leaf, pkcs8(TestCa.ec("secp256r1"))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(total(audit(this.accountId) + "?action.type=import"))
                .as("the key import rolled back with the upload, and its event with it")
                .isEqualTo(imports);
        assertThat(count("sealed_keys")).isEqualTo(keys);
        List<JsonNode> refusals = events("?resource.type=custom_certificate").stream()
                .filter(e -> !e.at("/action/result").asBoolean())
                .filter(e -> ("POST /client/v4/zones/" + this.zoneId + "/custom_certificates")
                        .equals(e.at("/metadata/detail").asString()))
                .toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).at("/action/type").asString()).isEqualTo("create");
        assertThat(refusals.get(0).at("/metadata/reason").asString()).isEqualTo(String.valueOf(refused.errorCode()));
    }

    @Test
    void aChangeThatRollsBackLeavesNoEventAndOneThatCommitsHasItsEvent() {
        AccountId account = new AccountId(this.accountId);
        Zone rolledBack = this.transactions.execute(status -> {
            Zone zone = this.tenancy.createZone("rolled-back" + System.nanoTime() + ".keyhold.dev", account);
            status.setRollbackOnly();
            return zone;
        });
        Zone committed = this.transactions.execute(
                status -> this.tenancy.createZone("committed" + System.nanoTime() + ".keyhold.dev", account));

        List<JsonNode> zones = events("?resource.type=zone");
        assertThat(zones)
                .noneMatch(
                        e -> rolledBack.id().value().equals(e.at("/resource/id").asString()));
        JsonNode created = only(zones, committed.id().value(), "create");
        assertThat(created.at("/actor/type").asString())
                .as("no request, so Keyhold itself")
                .isEqualTo("system");
        assertThat(created.at("/actor/ip").isNull()).isTrue();
    }

    @Test
    void tokenChangesAndWhatATokenDoesAreRecordedWithoutTheTokenValue() {
        Map<String, Object> body = Map.of(
                "name",
                "auditor",
                "policies",
                List.of(
                        policy(ACCOUNT_SETTINGS_READ, Map.of("com.cloudflare.api.account." + this.accountId, "*")),
                        policy(ZONE_SSL_WRITE, Map.of("com.cloudflare.api.account.zone." + this.zoneId, "*"))));
        V4Client.Response created = this.api.post("/accounts/" + this.accountId + "/tokens", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.result().get("id").asString();
        String value = created.result().get("value").asString();
        V4Client token = this.api.bearer(value);

        String csr = token.post(
                        "/zones/" + this.zoneId + "/custom_csrs",
                        dev.keyhold.support.CsrRequests.body("p256v1", host("token")))
                .result()
                .get("id")
                .asString();
        V4Client.Response read = token.get(audit(this.accountId) + "?per_page=1000");
        this.api.send("PUT", "/accounts/" + this.accountId + "/tokens/" + id, body);
        this.api.delete("/accounts/" + this.accountId + "/tokens/" + id);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(only(events(""), id, "create").at("/metadata/detail").asString())
                .isEqualTo("name auditor");
        only(events(""), id, "update");
        only(events(""), id, "delete");
        JsonNode byToken = only(events(""), csr, "create");
        assertThat(byToken.at("/actor/type").asString()).isEqualTo("token");
        assertThat(byToken.at("/actor/id").asString()).isEqualTo(id);
        assertThat(this.api.get(audit(this.accountId) + "?per_page=1000").body())
                .doesNotContain(value);
        assertThat(this.api.get("/user/audit_logs?per_page=1000").body()).doesNotContain(value);
    }

    @Test
    void entitlementChangesAreRecordedInTheAccountsLog() {
        String account = newAccount();
        V4Client.Response patched =
                this.api.send("PATCH", "/accounts/" + account, Map.of("entitlements", Map.of("custom_csrs", false)));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        List<JsonNode> changes = this.api
                .get(audit(account) + "?resource.type=entitlements")
                .result()
                .valueStream()
                .toList();
        assertThat(changes)
                .extracting(e -> e.at("/metadata/detail").asString())
                .containsExactly(
                        "custom_csrs false, account_custom_csrs true", "custom_csrs true, account_custom_csrs true");
        assertThat(changes).allMatch(e -> e.at("/action/type").asString().equals("update"));
    }

    @Test
    void failedApiAuthenticationIsRecordedOncePerMinuteAndAddressWithoutTheCredential() {
        String bogus = "AuditBogusToken0123456789abcdefghijklmnopq";
        later(Duration.ofMinutes(10), () -> {
            Instant since = this.clock.instant();
            assertThat(this.api.bearer(bogus).get("/zones").status()).isEqualTo(403);
            assertThat(this.api.bearer(bogus).get("/zones").status()).isEqualTo(403);

            V4Client.Response failures = this.api.get("/user/audit_logs?action.type=authenticate&since=" + since);
            assertThat(failures.result().valueStream()).singleElement().satisfies(e -> {
                assertThat(e.at("/action/result").asBoolean()).isFalse();
                assertThat(e.at("/metadata/reason").asString()).isEqualTo("unknown_token");
                assertThat(e.at("/resource/type").asString()).isEqualTo("api_token");
                assertThat(e.at("/owner/id").isNull()).isTrue();
            });
            assertThat(failures.body()).doesNotContain(bogus);
        });
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAnEvent() {
        zoneCsr(host("kept"));
        long events = count("audit_events");

        assertThatThrownBy(() -> this.jdbc
                        .sql("update audit_events set action = 'create'")
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> this.jdbc.sql("delete from audit_events").update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        assertThat(count("audit_events")).isEqualTo(events);
    }

    static Map<String, Object> policy(String group, Map<String, Object> resources) {
        return Map.of("effect", "allow", "permission_groups", List.of(Map.of("id", group)), "resources", resources);
    }

    static String audit(String account) {
        return "/accounts/" + account + "/audit_logs";
    }

    /** A new account with every entitlement, made by the operator. */
    String newAccount() {
        V4Client.Response r = this.api.post(
                "/accounts",
                Map.of(
                        "name",
                        "Audited " + System.nanoTime(),
                        "entitlements",
                        Map.of("custom_csrs", true, "account_custom_csrs", true)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    /** Every event of the test account the query selects, newest first. */
    List<JsonNode> events(String query) {
        String path = audit(this.accountId) + (query.isEmpty() ? "?" : query + "&") + "per_page=1000";
        V4Client.Response r = this.api.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().valueStream().toList();
    }

    long total(String path) {
        return this.api.get(path).json().at("/result_info/total_count").asLong();
    }

    /** The one event of the action on the resource; fails when there is none or more than one. */
    static JsonNode only(List<JsonNode> events, String resourceId, String action) {
        List<JsonNode> matching = events.stream()
                .filter(e -> resourceId.equals(e.at("/resource/id").asString()))
                .filter(e -> action.equals(e.at("/action/type").asString()))
                .toList();
        assertThat(matching).as(action + " of " + resourceId + " in " + events).hasSize(1);
        return matching.get(0);
    }

    String keyOf(String table, String id) {
        return this.jdbc
                .sql("select key_id from " + table + " where id = :id")
                .param("id", id)
                .query(String.class)
                .single()
                .strip();
    }
}
