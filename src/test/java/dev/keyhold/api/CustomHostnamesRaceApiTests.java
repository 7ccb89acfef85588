package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.V4Client;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deleting a CSR races creating a hostname that uses it: whichever commits first wins, the other is refused, and no
 * hostname ever references a CSR or key that is gone.
 */
class CustomHostnamesRaceApiTests extends HostnameApiTest {

    static final int ROUNDS = 20;

    @Test
    void csrDeletionAndHostnameCreationNeverBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int deletions = 0;
        int creations = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String host = "race" + round + "." + this.base;
                Csr csr = zoneCsr(host);
                String certificate = chainFor(csr);
                V4Client deleter = V4Client.operator(this.port);
                V4Client creator = V4Client.operator(this.port);
                CountDownLatch start = new CountDownLatch(1);
                Future<V4Client.Response> deleted = pool.submit(() -> {
                    start.await();
                    return deleter.delete("/zones/" + this.zoneId + "/custom_csrs/" + csr.id());
                });
                Future<V4Client.Response> created = pool.submit(() -> {
                    start.await();
                    return creator.post(hostnames(), body(host, csrSsl(csr.id(), certificate)));
                });
                start.countDown();
                V4Client.Response d = deleted.get(60, TimeUnit.SECONDS);
                V4Client.Response c = created.get(60, TimeUnit.SECONDS);
                String what = "round " + round + ": delete " + d.status() + " " + d.body() + " / create " + c.status()
                        + " " + c.body();
                assertThat(d.status() == 200 && c.status() == 201).as(what).isFalse();
                assertThat(d.status()).as(what).isIn(200, 409, 503);
                assertThat(c.status()).as(what).isIn(201, 404, 503);
                if (d.status() == 409) {
                    assertThat(d.errorCode()).as(what).isEqualTo(1420);
                }
                if (c.status() == 404) {
                    assertThat(c.errorCode()).as(what).isEqualTo(1431);
                }
                deletions += d.status() == 200 ? 1 : 0;
                creations += c.status() == 201 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(deletions + creations).as("someone wins most rounds").isGreaterThan(ROUNDS / 2);
        assertThat(count(
                        "custom_hostnames h where h.custom_csr_id is not null and not exists (select 1 from custom_csrs"
                                + " c where c.id = h.custom_csr_id and c.key_id = h.key_id)"))
                .isZero();
        assertThat(count("custom_hostnames h where h.key_id is not null and not exists (select 1 from sealed_keys k"
                        + " where k.id = h.key_id)"))
                .isZero();
        assertThat(count("custom_csrs c where not exists (select 1 from sealed_keys k where k.id = c.key_id)"))
                .isZero();
    }
}
