package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Deleting a CSR and uploading a certificate for it, raced: never both, and never a certificate without its key. */
class CustomCertificatesConcurrencyApiTests extends CertificateApiTest {

    private static final int ROUNDS = 12;

    @Test
    void neverLetsACsrDeletionAndAnUploadForItBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int uploads = 0;
        int deletions = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                JsonNode csr = zoneCsr(host("r" + round));
                String csrId = csr.get("id").asString();
                String leaf = signed(csr);
                CountDownLatch start = new CountDownLatch(1);
                Future<V4Client.Response> delete = pool.submit(() -> {
                    start.await();
                    return this.api.delete("/zones/" + this.zoneId + "/custom_csrs/" + csrId);
                });
                Future<V4Client.Response> upload = pool.submit(() -> {
                    start.await();
                    return upload(byCsr(leaf, csrId));
                });
                start.countDown();
                V4Client.Response deleted = delete.get(60, TimeUnit.SECONDS);
                V4Client.Response uploaded = upload.get(60, TimeUnit.SECONDS);

                String what = "round " + round + ": delete " + deleted.body() + " / upload " + uploaded.body();
                assertThat(deleted.status() == 200 && uploaded.status() == 200)
                        .as(what)
                        .isFalse();
                assertThat(deleted.status() == 200 || uploaded.status() == 200)
                        .as("one of them wins: " + what)
                        .isTrue();
                if (uploaded.status() == 200) {
                    uploads++;
                    assertThat(deleted.status()).as(what).isEqualTo(409);
                    assertThat(deleted.errorCode()).as(what).isEqualTo(1420);
                } else {
                    deletions++;
                    assertThat(uploaded.status()).as(what).isEqualTo(404);
                    assertThat(uploaded.errorCode()).as(what).isEqualTo(1419);
                }
                assertThat(orphans()).as(what).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(uploads + deletions).isEqualTo(ROUNDS);
    }

    @Test
    void storesOneOfTwoIdenticalUploadsRacingAndRefusesTheOtherWith1220() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS / 2; round++) {
                KeyPair keys = TestCa.ec("secp256r1");
                Map<String, Object> body = withKey(
                        TestCa.pem(
                                CA.leaf(keys.getPublic(), host("d" + round)).certificate(),
                                CA.intermediate().certificate()),
                        pkcs8(keys));
                long keysBefore = count("sealed_keys");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<V4Client.Response>> racing = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    racing.add(pool.submit(() -> {
                        start.await();
                        return upload(body);
                    }));
                }
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<V4Client.Response> f : racing) {
                    V4Client.Response r = f.get(60, TimeUnit.SECONDS);
                    codes.add(r.status() == 200 ? 200 : r.errorCode());
                }
                assertThat(codes).as("round " + round).containsExactlyInAnyOrder(200, 1220);
                assertThat(count("sealed_keys"))
                        .as("the loser's imported key is rolled back")
                        .isEqualTo(keysBefore + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Certificates whose CSR or key is gone; the foreign keys make this impossible, the test makes sure. */
    private long orphans() {
        List<Long> counts = List.of(
                this.jdbc
                        .sql(
                                """
                        select count(*) from custom_certificates c left join custom_csrs s on s.id = c.custom_csr_id
                        where c.custom_csr_id is not null and s.id is null""")
                        .query(Long.class)
                        .single(),
                this.jdbc
                        .sql(
                                """
                        select count(*) from custom_certificates c left join sealed_keys k on k.id = c.key_id
                        where k.id is null""")
                        .query(Long.class)
                        .single(),
                this.jdbc
                        .sql(
                                """
                        select count(*) from custom_certificates c join custom_csrs s on s.id = c.custom_csr_id
                        where s.key_id <> c.key_id""")
                        .query(Long.class)
                        .single());
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
