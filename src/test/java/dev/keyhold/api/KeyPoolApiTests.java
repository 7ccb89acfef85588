package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The key pool as an operator sees it: CSRs created from pooled keys, and the pool's meters on the scrape. */
@KeyholdApiTest
@TestPropertySource(
        properties = {
            "keyhold.keys.pool.enabled=true",
            "keyhold.keys.pool.target.rsa2048=1",
            "keyhold.keys.pool.target.p256v1=2",
            "keyhold.keys.pool.threads=1"
        })
class KeyPoolApiTests {

    private static final Pattern P256_DEPTH =
            Pattern.compile("keyhold_keys_pool_depth\\{[^}]*key_type=\"p256v1\"[^}]*\\} ([0-9.]+)");

    @LocalServerPort
    int port;

    @Test
    void createsCsrsFromPooledKeysAndExportsThePoolMeters() throws InterruptedException {
        V4Client api = V4Client.operator(this.port);
        awaitP256Depth(api, 2);
        String zone = api.createZone("pool", api.defaultAccountId());

        V4Client.Response created =
                api.post("/zones/" + zone + "/custom_csrs", CsrRequests.body("p256v1", "pool.keyhold.dev"));

        assertThat(created.status()).isEqualTo(201);
        String metrics = api.getOutsideApi("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("keyhold_keys_pool_depth\\{[^}]*key_type=\"rsa2048\"[^}]*\\} [0-9]")
                .containsPattern("keyhold_keys_pool_refills_total\\{[^}]*key_type=\"p256v1\"[^}]*\\} [2-9]")
                .containsPattern(
                        "keyhold_keys_pool_claims_total\\{[^}]*key_type=\"p256v1\"[^}]*outcome=\"hit\"[^}]*\\} 1")
                .containsPattern(
                        "keyhold_keys_pool_claims_total\\{[^}]*key_type=\"p256v1\"[^}]*outcome=\"miss\"[^}]*\\} 0");
        awaitP256Depth(api, 2); // the claim triggered a refill
    }

    private static void awaitP256Depth(V4Client api, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        double depth = -1;
        while (System.nanoTime() < deadline) {
            Matcher m =
                    P256_DEPTH.matcher(api.getOutsideApi("/actuator/prometheus").body());
            depth = m.find() ? Double.parseDouble(m.group(1)) : -1;
            if (depth == expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(depth).as("p256v1 pool depth").isEqualTo(expected);
    }
}
