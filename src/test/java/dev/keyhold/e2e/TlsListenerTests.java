package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.support.Directories;
import dev.keyhold.support.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyhold's own listener over TLS, from the packaged jar with a certificate made in the test: the API and the
 * dashboard answer over HTTPS with HSTS and Secure cookies to a client trusting the test CA, nothing else gets in
 * (untrusting clients, plain HTTP, TLS 1.0/1.1, CBC suites, checked with {@code openssl s_client}), renewed files are
 * served without a restart, and files that do not belong together stop startup with the fix.
 */
class TlsListenerTests {

    private static final String EMAIL = "tls@keyhold.test";
    private static final String API_KEY = "7c1e9a5b3d2f4e6a8c0b1d3e5f7a9c2e4b6d8";

    private static Path dir;
    private static TestCa ca;
    private static ServerCertificate server;
    private static KeyholdProcess keyhold;

    @BeforeAll
    static void startOverTls() {
        dir = Directories.createTemp("keyhold-e2e-tls-");
        ca = TestCa.generate();
        server = ServerCertificate.issue(ca, dir.resolve("tls"), "server");
        keyhold = KeyholdProcess.start("tls", environment(server), server.trustingTheCa());
        keyhold.awaitHealthy();
    }

    @AfterAll
    static void stop() {
        if (keyhold != null) {
            keyhold.close();
        }
        Directories.deleteQuietly(dir);
    }

    @Test
    void theApiAnswersOverHttpsWithStrictTransportSecurity() {
        HttpResponse<String> accounts = keyhold.get("/accounts", "X-Auth-Email", EMAIL, "X-Auth-Key", API_KEY);

        assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
        assertThat(accounts.body()).contains("\"success\":true").contains("Default account");
        assertThat(accounts.uri().getScheme()).isEqualTo("https");
        assertThat(accounts.sslSession())
                .hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
        assertThat(accounts.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("max-age=31536000").contains("includeSubDomains"));
    }

    @Test
    void theDashboardIsServedOverHttpsWithSecureCookiesAndStrictHeaders() {
        HttpResponse<String> signIn = keyhold.page("/sign-in");

        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
        assertThat(signIn.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("KEYHOLD_SESSION=").contains("Secure"));
    }

    @Test
    void aClientThatDoesNotTrustTheCaCannotConnect() {
        HttpClient jdkDefaults =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> jdkDefaults.send(
                        HttpRequest.newBuilder(URI.create(keyhold.origin() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PKIX");
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswerFromTheApi() throws InterruptedException {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + keyhold.port() + "/client/v4/accounts"))
                .header("X-Auth-Email", EMAIL)
                .header("X-Auth-Key", API_KEY)
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> answer = plain.send(request, HttpResponse.BodyHandlers.ofString());
            // NOTE: Tomcat answers plain HTTP on a TLS port with a bare 400 "requires TLS"; the request never runs
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("success").doesNotContain("Default account");
        } catch (IOException refused) {
            assertThat(refused).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void opensslNegotiatesTls12And13AndVerifiesTheChainAgainstTheCa(String version) {
        String output = sClient(version);

        assertThat(output)
                .contains("Verify return code: 0 (ok)")
                .contains(version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3")
                .containsPattern("Cipher is (TLS_AES|TLS_CHACHA20|ECDHE-ECDSA-(AES\\d+-GCM|CHACHA20))");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-tls1 -cipher DEFAULT:@SECLEVEL=0",
                "-tls1_1 -cipher DEFAULT:@SECLEVEL=0",
                "-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256",
                "-tls1_2 -cipher ECDHE-ECDSA-AES256-SHA"
            })
    void refusesOldProtocolsCbcAndNonForwardSecretSuites(String options) {
        String output = sClient(options.split(" "));

        // NOTE: the server answers with alert 70 (protocol_version) or 40 (handshake_failure) before its certificate
        assertThat(output)
                .as("the server must refuse `openssl s_client %s`", options)
                .containsPattern("SSL alert number (70|40)")
                .contains("no peer certificate available")
                .contains("Cipher is (NONE)");
    }

    @Test
    void servesARenewedCertificateWithoutARestart() throws InterruptedException {
        BigInteger before = servedSerial();
        ServerCertificate renewed = ServerCertificate.issue(ca, dir.resolve("tls"), "server");
        assertThat(renewed.chainFile()).isEqualTo(server.chainFile());

        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        BigInteger served = before;
        while (served.equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            served = servedSerial();
        }
        assertThat(served).as("the serial served after the files changed").isEqualTo(renewed.serial());
    }

    @ParameterizedTest
    @ValueSource(strings = {"another key", "missing key"})
    void refusesToStartWithFilesThatDoNotBelongTogether(String problem) throws IOException {
        Path bad = dir.resolve("bad");
        ServerCertificate first = ServerCertificate.issue(ca, bad, "first");
        ServerCertificate second = ServerCertificate.issue(ca, bad, "second");
        Map<String, String> env = environment(first);
        Path keyFile = problem.equals("missing key") ? bad.resolve("no-such-key.pem") : second.keyFile();
        env.put("KEYHOLD_TLS_PRIVATE_KEY", keyFile.toString());
        env.put("KEYHOLD_DATA_DIR", bad.resolve("data").toString());

        try (KeyholdProcess refused = KeyholdProcess.start("tls-" + problem.replace(' ', '-'), env)) {
            int exit = refused.awaitExit(KeyholdProcess.STARTUP_LIMIT);
            String log = refused.log();

            assertThat(exit).as(log).isNotZero();
            assertThat(log)
                    .contains("KEYHOLD_TLS_PRIVATE_KEY=" + keyFile)
                    .contains(problem.equals("missing key") ? "does not exist" : "is not the private key of")
                    .doesNotContain("Started Keyhold")
                    .doesNotContain("PRIVATE KEY-----");
            String key = Files.readString(second.keyFile())
                    .lines()
                    .skip(1)
                    .findFirst()
                    .orElseThrow();
            assertThat(log).doesNotContain(key);
        }
    }

    private static Map<String, String> environment(ServerCertificate certificate) {
        Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(dir.resolve("data"), EMAIL, API_KEY));
        env.put("KEYHOLD_TLS_CERTIFICATE", certificate.chainFile().toString());
        env.put("KEYHOLD_TLS_PRIVATE_KEY", certificate.keyFile().toString());
        env.put("KEYHOLD_KEY_POOL_ENABLED", "false");
        // Spring Boot's default quiet period is 10 s; a shorter one keeps the reload test short
        env.put("SPRING_SSL_BUNDLE_WATCH_FILE_QUIET_PERIOD", "1s");
        return env;
    }

    /** The serial of the leaf a fresh connection is served. */
    private static BigInteger servedSerial() {
        HttpClient fresh = HttpClient.newBuilder()
                .sslContext(server.trustingTheCa())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> r = fresh.send(
                    HttpRequest.newBuilder(URI.create(keyhold.origin() + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code openssl s_client} against the listener, trusting only the test CA; its whole output. */
    private static String sClient(String... options) {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "localhost:" + keyhold.port(),
                "-servername",
                "localhost",
                "-CAfile",
                server.rootFile(dir).toString(),
                "-verify_return_error"));
        command.addAll(List.of(options));
        Path output = dir.resolve("s_client-" + System.nanoTime() + ".txt");
        KeyholdProcess.run(command, dir, Map.of(), output, Duration.ofSeconds(30));
        try {
            return Files.readString(output);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
