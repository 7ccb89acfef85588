package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.V4Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused CSR request answers the documented code in the v4 envelope, and leaves nothing behind. */
class CsrValidationApiTests extends ZoneApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"]} | 1405
            {"country":"ZZ","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"]} | 1405
            {"country":"US","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"]} | 1406
            {"country":"US","state":"MA","organization":"O","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"]} | 1407
            {"country":"US","state":"MA","locality":"Boston","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"]} | 1408
            {"country":"US","state":"MA","locality":"Boston","organization":"O","sans":["a.keyhold.dev"]} | 1409
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","sans":["a.keyhold.dev"]} | 1410
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":[]} | 1411
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev"} | 1411
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["192.0.2.10"]} | 1412
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a$b.keyhold.dev"]} | 1412
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["-a.keyhold.dev"]} | 1412
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["bücher.de"]} | 1413
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a.localhost"]} | 1414
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["co.uk"]} | 1415
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["shop.example.net"]} | 1416
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":["a.keyhold.dev"],"key_type":"rsa4096"} | 1417
            {"country":"US","state":"MA" | 1400
            [1,2,3] | 1400
            {"country":"US","state":"MA","locality":"Boston","organization":"O","common_name":"a.keyhold.dev","sans":"a.keyhold.dev"} | 1400
            """)
    void refusesWithTheDocumentedCodeAndPersistsNothing(String body, int code) {
        long csrs = count("custom_csrs");
        long keys = count("sealed_keys");
        for (String scope : List.of("/zones/" + this.zoneId, "/accounts/" + this.accountId)) {
            V4Client.Response r = this.api.post(scope + "/custom_csrs", body);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("result").isNull()).isTrue();
            assertThat(r.errorMessage()).endsWith("Check your input and try again.");
            CONTRACT.assertResponse("POST", scope + "/custom_csrs", 400, r.body());
        }
        assertThat(count("custom_csrs")).isEqualTo(csrs);
        assertThat(count("sealed_keys")).isEqualTo(keys);
    }

    @Test
    void pointsAtTheOffendingSanAndNamesIt() {
        V4Client.Response r = this.api.post(
                "/zones/" + this.zoneId + "/custom_csrs",
                CsrRequests.body(null, "a.keyhold.dev", "bad_name.keyhold.dev"));
        assertThat(r.errorCode()).isEqualTo(1412);
        assertThat(r.json().get("errors").get(0).get("source").get("pointer").asString())
                .isEqualTo("/sans/1");
        assertThat(r.errorMessage()).contains("bad_name.keyhold.dev");
    }

    @Test
    void reportsThePublicSuffixReason() {
        V4Client.Response r = this.api.post("/zones/" + this.zoneId + "/custom_csrs", CsrRequests.body(null, "co.uk"));
        assertThat(r.errorMessage())
                .isEqualTo("Unable to parse subject alternative name(s) (SAN) - publicsuffix: "
                        + "cannot derive eTLD+1 for domain \"co.uk\". Check your input and try again.");
    }

    @Test
    void refusesAnEmptyBody() {
        V4Client.Response r = this.api.post("/zones/" + this.zoneId + "/custom_csrs", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(1400);
    }

    @Test
    void refusesAccountsWithoutTheEntitlement() {
        V4Client.Response account = this.api.post("/accounts", Map.of("name", "Unentitled"));
        String unentitled = account.result().get("id").asString();
        assertThat(account.result().get("entitlements").get("custom_csrs").asBoolean())
                .isFalse();
        String zone = this.api
                .post(
                        "/zones",
                        Map.of("name", "u" + System.nanoTime() + ".keyhold.dev", "account", Map.of("id", unentitled)))
                .result()
                .get("id")
                .asString();
        Map<String, Object> body = CsrRequests.body(null, "a.keyhold.dev");

        V4Client.Response zoneCsr = this.api.post("/zones/" + zone + "/custom_csrs", body);
        assertThat(zoneCsr.status()).isEqualTo(403);
        assertThat(zoneCsr.errorCode()).isEqualTo(1403);
        V4Client.Response accountCsr = this.api.post("/accounts/" + unentitled + "/custom_csrs", body);
        assertThat(accountCsr.status()).isEqualTo(403);
        assertThat(accountCsr.errorCode()).isEqualTo(1404);

        this.api.send("PATCH", "/accounts/" + unentitled, Map.of("entitlements", Map.of("custom_csrs", true)));
        assertThat(this.api.post("/zones/" + zone + "/custom_csrs", body).status())
                .isEqualTo(201);
        assertThat(this.api
                        .post("/accounts/" + unentitled + "/custom_csrs", body)
                        .errorCode())
                .isEqualTo(1404);
    }
}
