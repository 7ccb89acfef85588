package dev.keyhold.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.support.Directories;
import dev.keyhold.support.TestCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@link ServerTls} turns two PEM file paths into Spring Boot's SSL bundle for the listener, and refuses to start with
 * files that are missing, unreadable, not PEM, encrypted, or do not belong together, naming the variable and the fix
 * but never the files' content.
 */
class ServerTlsTests {

    private static TestCa ca;

    private static KeyPair serverKeys;

    private Path dir;

    private Path certificate;

    private Path key;

    @BeforeAll
    static void generate() {
        ca = TestCa.generate();
        serverKeys = TestCa.ec("secp256r1");
    }

    @BeforeEach
    void writeFiles() throws IOException {
        this.dir = Directories.createTemp("keyhold-tls-");
        this.certificate = Files.writeString(
                this.dir.resolve("fullchain.pem"),
                TestCa.pem(
                        ca.leaf(serverKeys.getPublic(), "localhost").certificate(),
                        ca.intermediate().certificate()));
        this.key = Files.writeString(this.dir.resolve("key.pem"), pkcs8(serverKeys));
    }

    @AfterEach
    void deleteFiles() {
        Directories.deleteQuietly(this.dir);
    }

    @Test
    void leavesTheListenerAloneWhenNeitherFileIsConfigured() {
        StandardEnvironment environment = environment(Map.of());

        new ServerTls().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("server.ssl.bundle")).isNull();
        assertThat(environment.getProperty("keyhold.tls.enabled")).isNull();
    }

    @Test
    void servesTheBundleWithTls12And13AndForwardSecretAeadCiphersOnly() {
        StandardEnvironment environment = environment(Map.of(
                "keyhold.tls.certificate",
                this.certificate.toString(),
                "keyhold.tls.private-key",
                this.key.toString()));

        new ServerTls().postProcessEnvironment(environment, null);

        String bundle = "spring.ssl.bundle.pem.keyhold.";
        assertThat(environment.getProperty("server.ssl.bundle")).isEqualTo("keyhold");
        assertThat(environment.getProperty(bundle + "keystore.certificate")).isEqualTo("file:" + this.certificate);
        assertThat(environment.getProperty(bundle + "keystore.private-key")).isEqualTo("file:" + this.key);
        assertThat(environment.getProperty(bundle + "reload-on-update")).isEqualTo("true");
        assertThat(environment.getProperty(bundle + "options.enabled-protocols"))
                .isEqualTo("TLSv1.3,TLSv1.2");
        assertThat(environment.getProperty(bundle + "options.ciphers").split(","))
                .allSatisfy(c -> assertThat(c)
                        .matches("TLS_(AES|CHACHA20|ECDHE_(RSA|ECDSA)_WITH_(AES|CHACHA20)).*")
                        .containsAnyOf("GCM", "POLY1305"));
        assertThat(environment.getProperty("keyhold.tls.enabled")).isEqualTo("true");
    }

    @Test
    void anExplicitSpringSettingWinsOverKeyholdsDefaults() {
        StandardEnvironment environment = environment(Map.of(
                "keyhold.tls.certificate", this.certificate.toString(),
                "keyhold.tls.private-key", this.key.toString(),
                "spring.ssl.bundle.pem.keyhold.options.enabled-protocols", "TLSv1.3"));

        new ServerTls().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.ssl.bundle.pem.keyhold.options.enabled-protocols"))
                .isEqualTo("TLSv1.3");
    }

    @Test
    void refusesOneFileWithoutTheOther() {
        StandardEnvironment environment = environment(Map.of("keyhold.tls.certificate", this.certificate.toString()));

        assertThatThrownBy(() -> new ServerTls().postProcessEnvironment(environment, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("KEYHOLD_TLS_CERTIFICATE is set but KEYHOLD_TLS_PRIVATE_KEY is not");
    }

    @Test
    void refusesAMissingFileNamingIt() {
        Path missing = this.dir.resolve("no-such.pem");

        assertThatThrownBy(() -> ServerTls.check(missing, this.key))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("KEYHOLD_TLS_CERTIFICATE=" + missing + " does not exist");
        assertThatThrownBy(() -> ServerTls.check(this.certificate, missing))
                .hasMessageContaining("KEYHOLD_TLS_PRIVATE_KEY=" + missing + " does not exist");
    }

    @Test
    void refusesFilesThatAreNotPem() throws IOException {
        Path garbage = Files.writeString(this.dir.resolve("garbage.pem"), "not a certificate");

        assertThatThrownBy(() -> ServerTls.check(garbage, this.key))
                .hasMessageContaining("KEYHOLD_TLS_CERTIFICATE=" + garbage)
                .hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> ServerTls.check(this.certificate, this.certificate))
                .hasMessageContaining(
                        "KEYHOLD_TLS_PRIVATE_KEY=" + this.certificate + " does not hold a PEM private key");
    }

    @Test
    void refusesAnEncryptedKey() throws IOException {
        Path encrypted = Files.writeString(
                this.dir.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerTls.check(this.certificate, encrypted))
                .hasMessageContaining("is encrypted")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void refusesAKeyOfAnotherCertificateWithoutShowingEitherKey() throws IOException {
        KeyPair other = TestCa.ec("secp256r1");
        Path otherKey = Files.writeString(this.dir.resolve("other.pem"), pkcs8(other));
        Path rsaKey = Files.writeString(this.dir.resolve("rsa.pem"), pkcs8(TestCa.rsa(2048)));

        assertThatThrownBy(() -> ServerTls.check(this.certificate, otherKey))
                .hasMessageContaining("is not the private key of the first certificate")
                .hasMessageContaining("CN=localhost")
                .satisfies(ex -> assertThat(ex.getMessage())
                        .doesNotContain("PRIVATE KEY-----")
                        .doesNotContain(base64(other).substring(0, 40)));
        assertThatThrownBy(() -> ServerTls.check(this.certificate, rsaKey))
                .hasMessageContaining("is not the private key of the first certificate");
    }

    @Test
    void acceptsTheKeyOfTheLeafWhateverItsType() throws IOException {
        KeyPair rsa = TestCa.rsa(2048);
        Path rsaChain = Files.writeString(
                this.dir.resolve("rsa-chain.pem"),
                TestCa.pem(ca.leaf(rsa.getPublic(), "localhost").certificate()));
        Path rsaKey = Files.writeString(this.dir.resolve("rsa-key.pem"), pkcs8(rsa));

        ServerTls.check(this.certificate, this.key);
        ServerTls.check(rsaChain, rsaKey);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    static String pkcs8(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + base64(keys) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String base64(KeyPair keys) {
        return Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded());
    }
}
