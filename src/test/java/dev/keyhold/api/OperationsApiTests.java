package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operators rely on: readiness with the database, the CSR metrics, and the OpenAPI document of the API. */
@KeyholdApiTest
class OperationsApiTests {

    @LocalServerPort
    int port;

    @Test
    void exportsCsrCreationsByKeyTypeAndKeyGenerationTime() {
        V4Client api = V4Client.operator(this.port);
        String zone = api.createZone("metrics", api.defaultAccountId());
        for (String type : List.of("rsa2048", "p256v1", "p256v1")) {
            assertThat(api.post("/zones/" + zone + "/custom_csrs", CsrRequests.body(type, "a.keyhold.dev"))
                            .status())
                    .isEqualTo(201);
        }
        String metrics = api.getOutsideApi("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern(
                        "keyhold_csr_creations_total\\{[^}]*key_type=\"rsa2048\"[^}]*scope=\"zone\"[^}]*\\} [1-9]")
                .containsPattern(
                        "keyhold_csr_creations_total\\{[^}]*key_type=\"p256v1\"[^}]*scope=\"zone\"[^}]*\\} [2-9]")
                .containsPattern("keyhold_keys_generation_seconds_count\\{[^}]*key_type=\"rsa2048\"[^}]*\\} [1-9]")
                .containsPattern("keyhold_keys_generation_seconds_bucket\\{[^}]*key_type=\"p256v1\"");
    }

    @Test
    void reportsReadinessIncludingTheDatabase() {
        V4Client api = V4Client.operator(this.port);
        V4Client.Response readiness = api.getOutsideApi("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").has("db")).isTrue();
    }

    @Test
    void servesTheOpenApiDocumentOfItsOwnApiAndSwaggerUi() {
        V4Client api = V4Client.operator(this.port);
        V4Client.Response doc = api.getOutsideApi("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/client/v4/zones/{zone_id}/custom_csrs"))
                .isTrue();
        assertThat(doc.json().get("paths").has("/client/v4/accounts/{account_id}/custom_csrs/{custom_csr_id}"))
                .isTrue();
        assertThat(doc.body()).doesNotContain("\"principal\"");
        assertThat(api.getOutsideApi("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
