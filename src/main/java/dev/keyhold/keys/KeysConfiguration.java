package dev.keyhold.keys;

import dev.keyhold.keys.local.KekSettings;
import dev.keyhold.keys.local.LocalKeyManager;
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

/**
 * Picks the key backend named by {@code keyhold.keys.backend} and exposes it as the one {@link KeyManager} bean; the
 * only class that names a backend package. Needs a {@code DataSource} (the one the transaction manager uses) and
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
        if (!backend.equals("local")) {
            throw new KeyStoreConfigurationException(BACKEND_PROPERTY + "=" + backend
                    + " is not supported: set KEYHOLD_KEYS_BACKEND=local (pkcs11 arrives with the HSM backend)");
        }
        KekSettings settings = KekSettings.of(
                Path.of(environment.getProperty("keyhold.data-dir", "./keyhold-data")),
                environment.getProperty(KekSettings.KEYSTORE_PROPERTY),
                environment.getProperty(KekSettings.PASSWORD_FILE_PROPERTY),
                environment.getProperty(KekSettings.PASSWORD_VARIABLE));
        // NOTE: without actuator (slice tests) the timings go to a registry nobody reads
        return new LocalKeyManager(
                dataSource,
                settings,
                KeyPoolSettings.from(environment),
                meters.getIfAvailable(SimpleMeterRegistry::new),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** The key pool fills once the application is ready: filling an empty pool must not slow the start. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> keyPoolStarter(KeyManager keys) {
        return event -> {
            if (keys instanceof LocalKeyManager local) {
                local.startPool();
            }
        };
    }
}
