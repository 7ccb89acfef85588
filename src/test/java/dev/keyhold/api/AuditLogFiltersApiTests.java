package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audit log list's filters and pages, Cloudflare's query parameters, on an account of its own whose eleven events
 * are known: its creation and entitlements, a zone, three CSRs with their signatures, and one CSR's deletion with its
 * key's destruction.
 */
class AuditLogFiltersApiTests extends ZoneApiTest {

    String account;

    String audit;

    Instant middle;

    @BeforeEach
    void elevenEvents() {
        V4Client.Response created = this.api.post(
                "/accounts",
                Map.of("name", "Filtered " + System.nanoTime(), "entitlements", Map.of("custom_csrs", true)));
        this.account = created.result().get("id").asString();
        this.audit = "/accounts/" + this.account + "/audit_logs";
        String zone = this.api.createZone("filtered", this.account);
        String zoneName = this.api.get("/zones/" + zone).result().get("name").asString();
        String first = null;
        for (String label : List.of("a", "b", "c")) {
            String id = this.api
                    .post("/zones/" + zone + "/custom_csrs", CsrRequests.body("p256v1", label + "." + zoneName))
                    .result()
                    .get("id")
                    .asString();
            first = first == null ? id : first;
        }
        this.middle = Instant.parse(this.api
                        .get(this.audit + "?per_page=5")
                        .result()
                        .get(0)
                        .get("when")
                        .asString())
                .plusNanos(1_000);
        assertThat(this.api.delete("/zones/" + zone + "/custom_csrs/" + first).status())
                .isEqualTo(200);
    }

    @Test
    void listsEveryEventNewestFirstOrOldestFirst() {
        V4Client.Response all = this.api.get(this.audit);

        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().at("/result_info/total_count").asLong()).isEqualTo(11);
        assertThat(all.json().at("/result_info/per_page").asInt()).isEqualTo(100);
        assertThat(types(all))
                .containsExactly(
                        "destroy", "delete", "sign", "create", "sign", "create", "sign", "create", "create", "update",
                        "create");
        assertThat(types(this.api.get(this.audit + "?direction=asc")).get(0)).isEqualTo("create");
        assertThat(this.api
                        .get(this.audit + "?direction=asc")
                        .result()
                        .get(0)
                        .at("/resource/type")
                        .asString())
                .isEqualTo("account");
    }

    @Test
    void pagesThroughTheEvents() {
        V4Client.Response third = this.api.get(this.audit + "?per_page=5&page=3");

        assertThat(third.result().size()).isEqualTo(1);
        assertThat(third.json().get("result_info").toString())
                .contains("\"page\":3", "\"per_page\":5", "\"count\":1", "\"total_count\":11", "\"total_pages\":3");
        assertThat(third.result().get(0).at("/resource/type").asString()).isEqualTo("account");
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource({
        "action.type=create, 5",
        "action.type=SIGN, 3",
        "resource.type=custom_csr, 4",
        "resource.type=private_key, 4",
        "actor.email=" + TestDatabase.OPERATOR_EMAIL + ", 11",
        "actor.email=nobody@keyhold.test, 0",
        "actor.ip=10.9.8.7, 0",
        "since=2000-01-01, 11",
        "before=2000-01-01T00:00:00Z, 0"
    })
    void filtersByActionResourceActorAndTime(String filter, long expected) {
        V4Client.Response r = this.api.get(this.audit + "?" + filter);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/result_info/total_count").asLong()).isEqualTo(expected);
        assertThat(r.result().size()).isEqualTo((int) expected);
    }

    @Test
    void filtersByTheClientAddressAndATimeWindow() {
        String ip = this.api.get(this.audit).result().get(0).at("/actor/ip").asString();

        assertThat(total("?actor.ip=" + ip)).isEqualTo(11);
        assertThat(total("?since=" + this.middle)).isEqualTo(2);
        assertThat(total("?before=" + this.middle)).isEqualTo(9);
        assertThat(total("?since=" + this.middle.minusSeconds(3600) + "&before=" + this.middle))
                .isEqualTo(9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "since=yesterday | since",
                "before=2026-13-01 | before",
                "action.type=fly | action.type",
                "direction=up | direction",
                "per_page=2 | per_page",
                "per_page=1001 | per_page",
                "page=0 | page",
                "actor.ip=not-an-address | actor.ip",
                "actor.email=nobody | actor.email",
                "resource.type=Custom-CSR | resource.type",
                "since=2026-06-02&before=2026-06-01 | since"
            })
    void refusesAMalformedFilterWithTheEnvelope(String query, String parameter) {
        V4Client.Response r = this.api.get(this.audit + "?" + query);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("result").isNull()).isTrue();
        assertThat(r.errorCode()).isEqualTo(1004);
        assertThat(r.errorMessage()).contains(parameter);
    }

    private long total(String query) {
        V4Client.Response r = this.api.get(this.audit + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().at("/result_info/total_count").asLong();
    }

    private static List<String> types(V4Client.Response r) {
        return r.result()
                .valueStream()
                .map(e -> e.at("/action/type").asString())
                .toList();
    }
}
