package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.V4Client;
import java.util.List;
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
