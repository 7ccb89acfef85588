package dev.keyhold.keys;

import dev.keyhold.keys.local.KekSettings;
import dev.keyhold.keys.local.LocalKekAdministration;
import dev.keyhold.keys.local.LocalKeyManager;
import dev.keyhold.keys.pkcs11.Pkcs11KeyManager;
import dev.keyhold.keys.pkcs11.Pkcs11Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Picks the key backend named by {@code keyhold.keys.backend} ({@code local} or {@code pkcs11}) and exposes it as the
 * one {@link KeyManager} bean; the only class that names a backend package. Refuses to start on a database whose keys
 * another backend holds. Needs a {@code DataSource} (the one the transaction manager uses) and
 * takes a {@code MeterRegistry} and a {@code Clock} when the context has them.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

    static final String BACKEND_PROPERTY = "keyhold.keys.backend";

    // NOTE: close() stops the key pool's refill threads before the DataSource closes
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization // the backend checks sealed_keys against its keystore at startup
    KeyManager keyManager(
            Environment environment,
            DataSource dataSource,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Clock> clock) {
        String backend = environment.getProperty(BACKEND_PROPERTY, "local").strip();
        if (!backend.equals("local") && !backend.equals("pkcs11")) {
            throw new KeyStoreConfigurationException(BACKEND_PROPERTY + "=" + backend
                    + " is not supported: set KEYHOLD_KEYS_BACKEND to local (sealed keys in the database) or pkcs11"
                    + " (keys on an HSM)");
        }
        refuseKeysOfAnotherBackend(dataSource, backend);
        // NOTE: without actuator (slice tests) the timings go to a registry nobody reads
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        if (backend.equals("pkcs11")) {
            return new Pkcs11KeyManager(
                    dataSource,
                    Pkcs11Settings.from(environment),
                    KeyPoolSettings.from(environment),
                    registry,
                    clock.getIfAvailable(Clock::systemUTC));
        }
        return new LocalKeyManager(
                dataSource,
                kekSettings(environment),
                KeyPoolSettings.from(environment),
                registry,
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The {@code kek} admin commands over the servers' own settings and database; refuses a PKCS#11 deployment, whose
     * keys are not sealed under a KEK.
     */
    public static KekAdministration kekAdministration(Environment environment, DataSource dataSource, Clock clock) {
        String backend = environment.getProperty(BACKEND_PROPERTY, "local").strip();
        if (!backend.equals("local")) {
            throw new KeyStoreConfigurationException(BACKEND_PROPERTY + "=" + backend + ": the kek commands are for"
                    + " the local key backend (KEYHOLD_KEYS_BACKEND=local); a PKCS#11 token keeps its keys itself");
        }
        return new LocalKekAdministration(dataSource, kekSettings(environment), clock);
    }

    private static KekSettings kekSettings(Environment environment) {
        return KekSettings.of(
                Path.of(environment.getProperty("keyhold.data-dir", "./keyhold-data")),
                environment.getProperty(KekSettings.KEYSTORE_PROPERTY),
                environment.getProperty(KekSettings.PASSWORD_FILE_PROPERTY),
                environment.getProperty(KekSettings.PASSWORD_VARIABLE));
    }

    /** The key pool fills once the application is ready: filling an empty pool must not slow the start. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> keyPoolStarter(KeyManager keys) {
        return event -> {
            if (keys instanceof LocalKeyManager local) {
                local.startPool();
            } else if (keys instanceof Pkcs11KeyManager token) {
                token.startPool();
            }
        };
    }

    /**
     * A node must not start on keys another backend holds: it could neither sign with them nor destroy them, and the
     * CSRs that reference them would fail one by one instead of at startup.
     */
    private static void refuseKeysOfAnotherBackend(DataSource dataSource, String backend) {
        int others = JdbcClient.create(dataSource)
                .sql("select count(*) from sealed_keys where backend <> ?")
                .param(backend)
                .query(Integer.class)
                .single();
        if (others > 0) {
            throw new KeyStoreConfigurationException("the database holds " + others + " key(s) of another key backend"
                    + " than " + BACKEND_PROPERTY + "=" + backend + ": start every node with the backend that"
                    + " created the keys (KEYHOLD_KEYS_BACKEND); Keyhold does not move keys between backends");
        }
    }
}
