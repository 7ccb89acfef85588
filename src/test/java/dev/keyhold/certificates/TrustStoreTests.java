package dev.keyhold.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.support.TestCa;
import dev.keyhold.system.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TrustStoreTests {

    static final TestCa ca = TestCa.generate();

    @TempDir
    Path dir;

    @Test
    void loadsTheJdkPublicRootsByDefault() {
        TrustStore store = TrustStore.fromSettings("", null);
        assertThat(store.size()).isGreaterThan(50);
        assertThat(store.isAnchor(ca.root().certificate())).isFalse();
    }

    @Test
    void trustsOnlyTheStoreFileWhenOneIsSet() throws IOException {
        TrustStore store =
                TrustStore.fromSettings(write("store.pem", ca.root().pem()).toString(), "");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.isAnchor(ca.root().certificate())).isTrue();
    }

    @Test
    void addsExtraAnchorsToTheJdkRoots() throws IOException {
        Path extra = write("extra.pem", ca.root().pem() + ca.untrustedRoot().pem());
        TrustStore store = TrustStore.fromSettings(" ", extra.toString());
        assertThat(store.size()).isEqualTo(TrustStore.jdkDefaults().size() + 2);
        assertThat(store.isAnchor(ca.root().certificate())).isTrue();
    }

    @Test
    void refusesBothSettingsAtOnceNamingBoth() throws IOException {
        String file = write("store.pem", ca.root().pem()).toString();
        assertThatThrownBy(() -> TrustStore.fromSettings(file, file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("KEYHOLD_TRUST_STORE")
                .hasMessageContaining("KEYHOLD_EXTRA_TRUST_ANCHORS");
    }

    static Stream<Arguments> unusableFiles() {
        return Stream.of(
                Arguments.of("missing", null, "cannot be read"),
                Arguments.of("empty", "", "is not a PEM file"),
                Arguments.of("garbage", "not a certificate\n", "is not a PEM file"),
                Arguments.of(
                        "a private key",
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                        "is not a PEM file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void failsStartupOnAnUnusableFileNamingTheVariableAndTheFile(String name, String content, String problem)
            throws IOException {
        Path file = content == null ? this.dir.resolve("absent.pem") : write("bad.pem", content);
        assertThatThrownBy(() -> TrustStore.fromSettings(file.toString(), ""))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("KEYHOLD_TRUST_STORE=" + file)
                .hasMessageContaining(problem);
        assertThatThrownBy(() -> TrustStore.fromSettings("", file.toString()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("KEYHOLD_EXTRA_TRUST_ANCHORS=" + file)
                .hasMessageContaining(problem);
    }

    @Test
    void theConfigurationReadsTheEnvironmentVariableNames() throws IOException {
        String file = write("extra.pem", ca.root().pem()).toString();
        contextRunner()
                .withPropertyValues("KEYHOLD_EXTRA_TRUST_ANCHORS=" + file)
                .run(context -> assertThat(context.getBean(TrustStore.class)
                                .isAnchor(ca.root().certificate()))
                        .isTrue());
        contextRunner().withPropertyValues("keyhold.trust.store=" + file).run(context -> assertThat(
                        context.getBean(TrustStore.class).size())
                .isEqualTo(1));
    }

    @Test
    void theApplicationStartsWithoutTrustSettings() {
        contextRunner().run(context -> assertThat(context).hasSingleBean(UploadValidator.class));
    }

    @Test
    void theApplicationFailsToStartOnABadTrustStoreFile() {
        contextRunner()
                .withPropertyValues("keyhold.trust.store=" + this.dir.resolve("absent.pem"))
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof InvalidConfigurationException)) {
                        failure = failure.getCause();
                    }
                    // NOTE: the system package's failure analyzer finds it in the cause chain and prints its fix
                    assertThat(failure).isNotNull().hasMessageContaining("KEYHOLD_TRUST_STORE");
                });
    }

    private ApplicationContextRunner contextRunner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(CertificatesConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(this.dir.resolve(name), content);
    }
}
