package dev.keyhold.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.SoftHsm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class KeysConfigurationTests {

    @TempDir
    Path dataDir;

    private TestDatabase database;

    private ApplicationContextRunner runner;

    @BeforeEach
    void database() {
        this.database = TestDatabase.migrated();
        this.runner = new ApplicationContextRunner()
                .withUserConfiguration(KeysConfiguration.class)
                .withBean(DataSource.class, this.database::dataSource)
                .withPropertyValues("keyhold.data-dir=" + this.dataDir, "keyhold.keys.pool.enabled=false");
    }

    @AfterEach
    void close() {
        this.database.close();
    }

    @Test
    void theLocalBackendIsTheDefaultAndKeepsItsKeystoreInTheDataDirectory() {
        this.runner.run(context -> {
            KeyManager keys = context.getBean(KeyManager.class);
            assertThat(keys.getClass().getName()).isEqualTo("dev.keyhold.keys.local.LocalKeyManager");
            assertThat(keys.find(keys.create(KeyType.P256V1).id())).isPresent();
            assertThat(this.dataDir.resolve("kek.p12")).isRegularFile();
            assertThat(this.dataDir.resolve("kek.p12.password")).isRegularFile();
        });
    }

    @Test
    void recordsGenerationTimesInTheContextsMeterRegistry() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(KeyManager.class).create(KeyType.P256V1);
            assertThat(context.getBean(MeterRegistry.class)
                            .get("keyhold.keys.generation")
                            .tags("key_type", "p256v1", "backend", "local")
                            .timer()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void honoursTheKeystoreAndPasswordFileProperties() throws Exception {
        Path keystore = this.dataDir.resolve("elsewhere/keys.p12");
        Path passwordFile = Files.writeString(this.dataDir.resolve("password"), "configured");

        this.runner
                .withPropertyValues(
                        "keyhold.keys.local.keystore=" + keystore,
                        "keyhold.keys.local.keystore-password-file=" + passwordFile)
                .run(context -> {
                    assertThat(context).hasSingleBean(KeyManager.class);
                    assertThat(keystore).isRegularFile();
                    assertThat(this.dataDir.resolve("kek.p12")).doesNotExist();
                    assertThat(this.dataDir.resolve("kek.p12.password")).doesNotExist();
                });
    }

    @Test
    void takesThePasswordFromKeyholdKekPassword() {
        this.runner
                .withPropertyValues("KEYHOLD_KEK_PASSWORD=from-the-environment")
                .run(context -> {
                    assertThat(context).hasSingleBean(KeyManager.class);
                    assertThat(this.dataDir.resolve("kek.p12")).isRegularFile();
                    assertThat(this.dataDir.resolve("kek.p12.password")).doesNotExist();
                });
    }

    @Test
    void fillsTheKeyPoolOnceTheApplicationIsReadyAndStopsRefillingWithTheContext() throws Exception {
        java.util.Set<Thread> others = refillThreads(); // cached Spring test contexts keep their own pools
        this.runner
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "keyhold.keys.pool.enabled=true",
                        "keyhold.keys.pool.target.rsa2048=0",
                        "keyhold.keys.pool.target.p256v1=3",
                        "keyhold.keys.pool.threads=1")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    Thread.sleep(500);
                    assertThat(depth(meters, "p256v1"))
                            .as("nothing is generated while the application starts")
                            .isZero();

                    context.publishEvent(new ApplicationReadyEvent(
                            new SpringApplication(), new String[0], context.getSourceApplicationContext(), null));
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (depth(meters, "p256v1") < 3 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(depth(meters, "p256v1")).isEqualTo(3);
                    assertThat(depth(meters, "rsa2048")).isZero();
                    KeyManager keys = context.getBean(KeyManager.class);
                    assertThat(keys.find(keys.create(KeyType.P256V1).id())).isPresent();
                    assertThat(meters.get("keyhold.keys.pool.claims")
                                    .tags("key_type", "p256v1", "outcome", "hit")
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                });
        // NOTE: the executor counts as terminated once its worker leaves run(), a moment before the thread dies
        for (Thread ending : refillThreads()) {
            if (!others.contains(ending)) {
                ending.join(5_000);
            }
        }
        assertThat(refillThreads())
                .as("the refill thread ends with the context")
                .isSubsetOf(others);
    }

    private static java.util.Set<Thread> refillThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("keyhold-key-pool-") && t.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads=-1", "threads=many", "target.rsa2048=-5", "interval=0s"})
    void refusesToStartWithAnUnusableKeyPoolSetting(String setting) {
        this.runner
                .withPropertyValues("keyhold.keys.pool.enabled=true", "keyhold.keys.pool." + setting)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(KeyStoreConfigurationException.class)
                            .hasMessageStartingWith("keyhold.keys.pool." + setting);
                });
    }

    private static double depth(MeterRegistry meters, String type) {
        return meters.get("keyhold.keys.pool.depth")
                .tags("key_type", type, "backend", "local")
                .gauge()
                .value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vault", "PKCS11"})
    void refusesToStartWithAnUnsupportedBackend(String backend) {
        this.runner.withPropertyValues("keyhold.keys.backend=" + backend).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(KeyStoreConfigurationException.class)
                    .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                    .hasMessage("keyhold.keys.backend=" + backend
                            + " is not supported: set KEYHOLD_KEYS_BACKEND to local (sealed keys in the"
                            + " database) or pkcs11 (keys on an HSM)");
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void thePkcs11BackendKeepsKeysOnTheConfiguredTokenAndNeverLogsThePin(CapturedOutput output) throws Exception {
        SoftHsm.Token token = SoftHsm.keysToken();
        Path pinFile = Files.writeString(this.dataDir.resolve("pin"), token.pin());

        pkcs11(token, pinFile).run(context -> {
            KeyManager keys = context.getBean(KeyManager.class);
            assertThat(keys.getClass().getName()).isEqualTo("dev.keyhold.keys.pkcs11.Pkcs11KeyManager");
            ManagedKey key = keys.create(KeyType.P256V1);
            assertThat(keys.find(key.id())).isPresent();
            assertThat(keys.signer(key.id())).isNotNull();
            keys.destroy(key.id());
            assertThat(this.dataDir.resolve("kek.p12")).doesNotExist();
        });
        assertThat(output.getAll())
                .contains("Keys are generated on the PKCS#11 token")
                .doesNotContain(token.pin());
    }

    @Test
    void refusesToStartOnKeysAnotherBackendHolds() throws Exception {
        this.runner.run(context -> context.getBean(KeyManager.class).create(KeyType.P256V1));
        SoftHsm.Token token = SoftHsm.keysToken();
        Path pinFile = Files.writeString(this.dataDir.resolve("pin"), token.pin());

        pkcs11(token, pinFile).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(KeyStoreConfigurationException.class)
                    .hasMessageStartingWith(
                            "the database holds 1 key(s) of another key backend than" + " keyhold.keys.backend=pkcs11");
        });
    }

    private ApplicationContextRunner pkcs11(SoftHsm.Token token, Path pinFile) {
        return this.runner.withPropertyValues(
                "keyhold.keys.backend=pkcs11",
                "keyhold.keys.pkcs11.library=" + SoftHsm.library(),
                "keyhold.keys.pkcs11.slot=" + token.slot(),
                "keyhold.keys.pkcs11.pin-file=" + pinFile);
    }
}
