package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Roles and tenancy in the dashboard: the operator adds an account and users; a Read-only member sees but cannot
 * change anything; a member of another account sees nothing of this one; only the operator administers.
 */
@KeyholdApiTest
class RolePagesTests {

    static final String PASSWORD = "a member password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    DashboardSession operator;

    String accountId;

    String zoneId;

    String zoneName;

    String otherAccountId;

    String readOnly;

    String stranger;

    @BeforeEach
    void accountsAndUsers() {
        V4Client api = V4Client.operator(this.port);
        this.accountId = api.defaultAccountId();
        this.zoneId = api.createZone("roles", this.accountId);
        this.zoneName = api.get("/zones/" + this.zoneId).result().get("name").asString();
        this.operator = new DashboardSession(this.port);
        this.operator.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);

        String otherName = "Other " + System.nanoTime();
        assertThat(this.operator
                        .submit("/admin", "/admin/accounts", Map.of("name", otherName, "customCsrs", "true"))
                        .statusCode())
                .isEqualTo(302);
        for (JsonNode account : api.get("/accounts?per_page=50").result()) {
            if (account.get("name").asString().equals(otherName)) {
                this.otherAccountId = account.get("id").asString();
            }
        }
        assertThat(this.otherAccountId).isNotNull();

        long n = System.nanoTime();
        this.readOnly = "reader" + n + "@keyhold.test";
        this.stranger = "stranger" + n + "@keyhold.test";
        this.operator.addUser(this.readOnly, PASSWORD, this.accountId, "READ_ONLY");
        this.operator.addUser(this.stranger, PASSWORD, this.otherAccountId, "ADMINISTRATOR");
    }

    @Test
    void aReadOnlyMemberSeesTheZoneButCannotChangeAnything() {
        DashboardSession reader = new DashboardSession(this.port);
        reader.signIn(this.readOnly, PASSWORD);
        String zonePage = "/zones/" + this.zoneId + "/ssl-tls/edge-certificates";

        String page = reader.get(zonePage).body();
        assertThat(page).contains("Edge Certificates").doesNotContain("id=\"generate-csr\"");
        assertThat(reader.get("/zones/" + this.zoneId + "/ssl-tls/csrs/new").statusCode())
                .isEqualTo(404);
        String csrs = "/zones/" + this.zoneId + "/ssl-tls/csrs";
        assertThat(reader.submit(
                                zonePage,
                                csrs,
                                Map.of(
                                        "commonName",
                                        "www." + this.zoneName,
                                        "sans",
                                        "www." + this.zoneName,
                                        "organization",
                                        "O",
                                        "locality",
                                        "L",
                                        "state",
                                        "S",
                                        "country",
                                        "US"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(count("custom_csrs where zone_id = '" + this.zoneId + "'")).isZero();

        String tokens = "/accounts/" + this.accountId + "/api-tokens";
        assertThat(reader.get(tokens).body()).contains("API Tokens").doesNotContain("id=\"create-token\"");
        assertThat(reader.submit(tokens, tokens, Map.of("name", "x", "groups", "7b7216b327b04b8fbc8f524e1f9b7531"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(reader.get("/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void aMemberOfAnotherAccountSeesNothingOfThisOne() {
        DashboardSession other = new DashboardSession(this.port);
        other.signIn(this.stranger, PASSWORD);

        assertThat(other.get("/").body()).doesNotContain(this.zoneName).doesNotContain(this.accountId);
        assertThat(other.get("/zones/" + this.zoneId + "/ssl-tls/edge-certificates")
                        .statusCode())
                .isEqualTo(404);
        assertThat(other.get("/accounts/" + this.accountId + "/ssl-tls").statusCode())
                .isEqualTo(404);
        assertThat(other.get("/accounts/" + this.accountId + "/api-tokens").statusCode())
                .isEqualTo(404);
        assertThat(other.get("/accounts/" + this.otherAccountId + "/ssl-tls").statusCode())
                .isEqualTo(200);
        assertThat(other.get("/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void theOperatorSeesUsersAndIsToldWhyAUserIsRefused() {
        String admin = this.operator.get("/admin").body();
        assertThat(admin).contains(this.readOnly).contains(this.stranger).doesNotContain(PASSWORD);

        this.operator.submit(
                "/admin",
                "/admin/users",
                Map.of("email", "short@keyhold.test", "password", "short", "account", this.accountId));
        assertThat(this.operator.get("/admin").body()).contains("The password must be at least 12 characters.");
        this.operator.submit(
                "/admin",
                "/admin/users",
                Map.of("email", this.readOnly, "password", PASSWORD, "account", this.accountId));
        assertThat(this.operator.get("/admin").body()).contains("exists already");
    }

    @Test
    void aChangedRoleAppliesAtTheMembersNextPageAndARemovedMemberLosesAccess() {
        DashboardSession reader = new DashboardSession(this.port);
        reader.signIn(this.readOnly, PASSWORD);
        String zonePage = "/zones/" + this.zoneId + "/ssl-tls/edge-certificates";
        assertThat(reader.get(zonePage).body()).doesNotContain("id=\"generate-csr\"");

        this.operator.submit(
                "/admin",
                "/admin/memberships",
                Map.of("email", this.readOnly, "account", this.accountId, "role", "ADMINISTRATOR"));
        assertThat(reader.get(zonePage).body()).contains("id=\"generate-csr\"");

        this.operator.submit(
                "/admin",
                "/admin/memberships",
                Map.of("email", this.readOnly, "account", this.accountId, "role", "REMOVE"));
        assertThat(reader.get(zonePage).statusCode()).isEqualTo(404);
        assertThat(reader.get("/").body()).doesNotContain(this.zoneName);

        this.operator.submit(
                "/admin",
                "/admin/memberships",
                Map.of("email", TestDatabase.OPERATOR_EMAIL, "account", this.accountId, "role", "REMOVE"));
        assertThat(this.operator.get("/admin").body()).contains("The operator&#39;s access cannot be changed.");
    }

    private long count(String tableAndWhere) {
        return this.jdbc
                .sql("select count(*) from " + tableAndWhere)
                .query(Long.class)
                .single();
    }
}
