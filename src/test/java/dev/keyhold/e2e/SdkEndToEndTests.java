package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keyhold.support.Directories;
import dev.keyhold.support.Openssl;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Cloudflare TypeScript SDK (pinned in {@code e2e/sdk/package.json}) against the packaged jar: runs
 * {@code e2e/sdk/sdk-flow.mjs}, which exits non-zero on any mismatch with what a Cloudflare client expects. Needs
 * {@code node} and {@code npm} on the PATH; without them the test is skipped, except under CI ({@code CI} set), where
 * it fails.
 */
class SdkEndToEndTests {

    private static final String EMAIL = "sdk-operator@keyhold.test";
    private static final String API_KEY = "9c1e5a7b3d2f4e6a8b0c1d3e5f7a9b2c4d6e8";
    private static final String SDK_VERSION = "7.3.0";

    private static final Duration NPM_LIMIT = Duration.ofMinutes(5);
    private static final Duration FLOW_LIMIT = Duration.ofMinutes(5);

    @Test
    void officialSdkRunsTheCustomCsrFlowWithApiKeyAndWithApiToken() throws IOException {
        Path sdk = KeyholdProcess.projectDir().resolve("e2e").resolve("sdk");
        Path node = requireOnPath("node");
        installSdk(sdk);
        Path logs = KeyholdProcess.targetDir().resolve("e2e");
        Path data = Directories.createTemp("keyhold-e2e-sdk-");
        try (KeyholdProcess keyhold =
                KeyholdProcess.start("sdk-keyhold", KeyholdProcess.environment(data, EMAIL, API_KEY))) {
            keyhold.awaitHealthy();

            Path output = logs.resolve("sdk-flow.log");
            int exit = KeyholdProcess.run(
                    List.of(node.toString(), "sdk-flow.mjs"),
                    sdk,
                    Map.of(
                            "CLOUDFLARE_BASE_URL",
                            keyhold.apiBase(),
                            "CLOUDFLARE_EMAIL",
                            EMAIL,
                            "CLOUDFLARE_API_KEY",
                            API_KEY),
                    output,
                    FLOW_LIMIT);
            String printed = Files.readString(output);
            String context = "sdk-flow.mjs output (" + output + "):\n" + printed + "\n--- Keyhold log ("
                    + keyhold.logFile() + ") ---\n" + tail(keyhold.log(), 200);

            assertThat(exit).as(context).isZero();
            JsonNode summary = summary(printed).orElseGet(() -> fail("no JSON summary line;\n" + context));
            assertThat(summary.path("ok").asBoolean()).as(context).isTrue();
            assertThat(summary.path("sdk").asString()).isEqualTo(SDK_VERSION);
            assertThat(summary.path("account_id").asString()).matches("[0-9a-f]{32}");
            assertThat(summary.path("zone_id").asString()).matches("[0-9a-f]{32}");
            assertThat(summary.path("passes")
                            .valueStream()
                            .map(p -> p.path("auth").asString())
                            .toList())
                    .containsExactly("api_key", "api_token");
            for (JsonNode pass : summary.path("passes")) {
                for (String scope : List.of("zone", "account")) {
                    JsonNode s = pass.path(scope);
                    assertThat(s.path("created").asInt())
                            .as(pass.path("auth") + " " + scope)
                            .isEqualTo(7);
                    assertThat(s.path("listed").asInt())
                            .as(pass.path("auth") + " " + scope)
                            .isGreaterThanOrEqualTo(7);
                    // 7 CSRs at per_page=5: two full pages, then the empty page that ends the SDK's iteration
                    assertThat(s.path("pages").asInt())
                            .as(pass.path("auth") + " " + scope)
                            .isGreaterThanOrEqualTo(2);
                }
            }
        } finally {
            Directories.deleteQuietly(data);
        }
    }

    @Test
    void officialSdkRunsTheSeedsCertificateFlowFromCsrToCustomCertificateAndHostname() throws IOException {
        Path sdk = KeyholdProcess.projectDir().resolve("e2e").resolve("sdk");
        Path node = requireOnPath("node");
        installSdk(sdk);
        Path data = Directories.createTemp("keyhold-e2e-certs-");
        try (Openssl.ThrowawayCa ca = Openssl.throwawayCa()) {
            Path anchors = data.resolve("customer-ca.pem");
            Files.writeString(anchors, ca.certificatePem());
            Map<String, String> environment = new LinkedHashMap<>(KeyholdProcess.environment(data, EMAIL, API_KEY));
            environment.put("KEYHOLD_EXTRA_TRUST_ANCHORS", anchors.toString());
            try (KeyholdProcess keyhold = KeyholdProcess.start("sdk-certificates-keyhold", environment)) {
                keyhold.awaitHealthy();

                Path output = KeyholdProcess.targetDir().resolve("e2e").resolve("certificate-flow.log");
                int exit = KeyholdProcess.run(
                        List.of(node.toString(), "certificate-flow.mjs"),
                        sdk,
                        Map.of(
                                "CLOUDFLARE_BASE_URL",
                                keyhold.apiBase(),
                                "CLOUDFLARE_EMAIL",
                                EMAIL,
                                "CLOUDFLARE_API_KEY",
                                API_KEY,
                                "KEYHOLD_E2E_CA_DIR",
                                ca.directory().toString()),
                        output,
                        FLOW_LIMIT);
                String printed = Files.readString(output);
                String context = "certificate-flow.mjs output (" + output + "):\n" + printed + "\n--- Keyhold log ("
                        + keyhold.logFile() + ") ---\n" + tail(keyhold.log(), 200);

                assertThat(exit).as(context).isZero();
                JsonNode summary = summary(printed).orElseGet(() -> fail("no JSON summary line;\n" + context));
                assertThat(summary.path("ok").asBoolean()).as(context).isTrue();
                assertThat(summary.path("custom_certificates")
                                .path("certificate")
                                .asString())
                        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                assertThat(summary.path("custom_certificates").path("renewed").asBoolean())
                        .isTrue();
                assertThat(summary.path("custom_hostnames").path("renewed").asBoolean())
                        .isTrue();
                assertThat(keyhold.log()).doesNotContain("PRIVATE KEY");
            }
        } finally {
            Directories.deleteQuietly(data);
        }
    }

    /** npm ci when node_modules is missing or holds another SDK version than the lock file pins. */
    private static void installSdk(Path sdk) throws IOException {
        Path installed = sdk.resolve("node_modules").resolve("cloudflare").resolve("package.json");
        if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + SDK_VERSION + "\"")) {
            return;
        }
        Path npm = requireOnPath("npm");
        Path output = KeyholdProcess.targetDir().resolve("e2e").resolve("npm-ci.log");
        int exit = KeyholdProcess.run(
                List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), sdk, Map.of(), output, NPM_LIMIT);
        assertThat(exit)
                .as("npm ci in " + sdk + " failed:\n" + Files.readString(output))
                .isZero();
    }

    /** The executable on the PATH; aborts the test when missing, or fails it under CI. */
    static Path requireOnPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "`" + program + "` is not on the PATH: install Node.js 20 and npm (bash .ci/run does: "
                + "apt-get install -y nodejs npm) to run the official Cloudflare SDK against Keyhold";
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
        return null;
    }

    /** The last line of output that parses as a JSON object. */
    static Optional<JsonNode> summary(String output) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("{") && line.endsWith("}")) {
                try {
                    return Optional.of(json.readTree(line));
                } catch (RuntimeException ex) {
                    // not the summary; keep looking
                }
            }
        }
        return Optional.empty();
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
