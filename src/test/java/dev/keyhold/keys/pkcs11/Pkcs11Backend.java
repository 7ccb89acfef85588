package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.TestDatabase;
import dev.keyhold.support.SoftHsm;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PKCS#11 backend on the SoftHSM2 test token over a fresh migrated database, with the back doors the tests need: a
 * second view of the token (its own SunPKCS11 provider, as another node would have) and the stored rows.
 * {@link #close()} stops the backends it started and destroys the token objects of this database's keys, so the shared
 * token stays small.
 */
final class Pkcs11Backend implements AutoCloseable {

    final TestDatabase database = TestDatabase.migrated();

    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final List<Pkcs11KeyManager> started = new ArrayList<>();

    private Pkcs11Token token;

    static Pkcs11Settings settings() {
        SoftHsm.Token token = SoftHsm.keysToken();
        // NOTE: by label, as the README advises operators; Pkcs11StartupTests covers the slot and the slot index
        return new Pkcs11Settings(
                SoftHsm.library(), null, null, token.label(), token.pin().toCharArray(), "the test");
    }

    Pkcs11KeyManager start() {
        return start(KeyPoolSettings.DISABLED, Clock.systemUTC());
    }

    Pkcs11KeyManager start(KeyPoolSettings pool, Clock clock) {
        Pkcs11KeyManager keys = new Pkcs11KeyManager(this.database.dataSource(), settings(), pool, this.meters, clock);
        keys.startPool();
        this.started.add(keys);
        return keys;
    }

    /** The token as another node sees it. */
    synchronized Pkcs11Token token() {
        if (this.token == null) {
            this.token = Pkcs11Token.open(settings(), Clock.systemUTC());
        }
        return this.token;
    }

    /** The private key object on the token, looked up afresh. */
    Optional<PrivateKey> onToken(KeyId id) {
        return token().privateKey(id);
    }

    @Override
    public void close() {
        this.started.forEach(Pkcs11KeyManager::close);
        for (String id : this.database
                .jdbc()
                .sql("select id from sealed_keys")
                .query(String.class)
                .list()) {
            token().delete(new KeyId(id.strip()));
        }
        this.database.close();
    }
}
