package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Oversized and malformed input at the HTTP edge: bodies over {@code keyhold.api.max-body-size} (declared or chunked)
 * are 413 before they are read, PEM fields over their limits and chains of too many certificates are Cloudflare's
 * 400s before parsing, and long query strings and headers are 4xx. Nothing is stored for any of them.
 */
class HostileInputApiTests extends CertificateApiTest {

    static final int LIMIT = 1024 * 1024;

    @Test
    void refusesADeclaredContentLengthOverTheLimitWith413WithoutWaitingForTheBody() throws IOException {
        long before = certificatesInZone();
        // NOTE: only the headers are sent; a server that waited for the 2 MiB it was promised would never answer
        RawResponse r = raw(
                "POST",
                certificates(),
                Map.of("Content-Length", String.valueOf(2 * LIMIT)),
                out -> out.write("{\"certificate\":\"".getBytes(StandardCharsets.US_ASCII)));
        assertTooLarge(r);
        assertThat(r.body()).contains(String.valueOf(2 * LIMIT)).contains("keyhold.api.max-body-size");
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimitWith413() throws IOException {
        long before = certificatesInZone();
        RawResponse r = raw("POST", certificates(), Map.of("Transfer-Encoding", "chunked"), out -> {
            chunk(out, "{\"certificate\":\"");
            String block = "A".repeat(64 * 1024);
            for (int i = 0; i < 20; i++) { // 1.25 MiB in all
                chunk(out, block);
            }
            chunk(out, "\"}");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertTooLarge(r);
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void refusesACertificateOverSixtyFourKibibytesBeforeParsingIt() {
        long before = certificatesInZone();
        String huge = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(70_000) + "\n-----END CERTIFICATE-----\n";
        V4Client.Response r = upload(
                Map.of("certificate", huge, "private_key", pkcs8(CA.root().keys())));
        assertRefused(r, 400, 1002);
        assertThat(r.errorMessage()).contains("at most 65536");
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void refusesACustomHostnameCertificateOverTheLimitWith1426() {
        long before = count("custom_hostnames");
        String huge = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(70_000) + "\n-----END CERTIFICATE-----\n";
        Map<String, Object> ssl = Map.of(
                "method",
                "http",
                "type",
                "dv",
                "custom_certificate",
                huge,
                "custom_key",
                pkcs8(CA.root().keys()));
        V4Client.Response r = this.api.post(
                "/zones/" + this.zoneId + "/custom_hostnames",
                Map.of("hostname", "big-" + System.nanoTime() + ".customers.dev", "ssl", ssl));
        assertRefused(r, 400, 1426);
        assertThat(count("custom_hostnames")).isEqualTo(before);
    }

    @Test
    void refusesAChainOfMoreThanTenCertificatesBeforeParsingThem() {
        long before = certificatesInZone();
        String eleven = CA.intermediate().pem().repeat(11);
        V4Client.Response r = upload(
                Map.of("certificate", eleven, "private_key", pkcs8(CA.root().keys())));
        assertRefused(r, 400, 1002);
        assertThat(r.errorMessage()).contains("11 PEM blocks").contains("at most 10");
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void refusesAnOversizedPrivateKeyWith2106() {
        long before = certificatesInZone();
        String key = pkcs8(CA.root().keys());
        V4Client.Response r =
                upload(Map.of("certificate", CA.intermediate().pem(), "private_key", key + " ".repeat(20_000)));
        assertRefused(r, 400, 2106);
        assertThat(r.errorMessage()).contains("at most 16384");
        assertNoKeyMaterial(r.body(), key);
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void refusesANullGeoRestrictionLabelWith2001() {
        long before = certificatesInZone();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("label", null);
        V4Client.Response r = upload(Map.of("certificate", "x", "geo_restrictions", body));
        assertRefused(r, 400, 2001);
        assertThat(r.json().get("errors").get(0).get("source").get("pointer").asString())
                .isEqualTo("/geo_restrictions/label");
        assertThat(certificatesInZone()).isEqualTo(before);
    }

    @Test
    void answersALongQueryParameterWith1004() {
        V4Client.Response r = this.api.get("/zones/" + this.zoneId + "/custom_csrs?per_page=" + "9".repeat(6_000));
        assertRefused(r, 400, 1004);
        assertThat(r.errorMessage()).hasSizeLessThan(300);
    }

    @Test
    void answersAQueryStringOrHeaderPastTheServersLimitWithA4xx() throws IOException {
        RawResponse query =
                raw("GET", "/zones/" + this.zoneId + "/custom_csrs?page=" + "1".repeat(20_000), Map.of(), out -> {});
        assertThat(query.status()).isBetween(400, 499);
        RawResponse header = raw(
                "GET", "/zones/" + this.zoneId + "/custom_csrs", Map.of("X-Padding", "p".repeat(20_000)), out -> {});
        assertThat(header.status()).isBetween(400, 499);
    }

    private static void assertRefused(V4Client.Response r, int status, int code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("result").isNull()).isTrue();
        assertThat(r.json().get("messages").isEmpty()).isTrue();
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
    }

    private static void assertTooLarge(RawResponse r) {
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        var json = V4Client.JSON.readTree(r.body());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("result").isNull()).isTrue();
        assertThat(json.get("errors").get(0).get("code").asInt()).isEqualTo(6013);
        assertThat(json.get("errors").get(0).get("message").asString()).contains("at most " + LIMIT + " bytes");
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    record RawResponse(int status, String body) {}

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** One request over a plain socket, so the test decides exactly what is sent and when. */
    private RawResponse raw(String method, String path, Map<String, String> headers, Body body) throws IOException {
        try (Socket socket = new Socket("localhost", this.port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " /client/v4" + path + " HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n")
                    .append("X-Auth-Email: ")
                    .append(TestDatabase.OPERATOR_EMAIL)
                    .append("\r\nX-Auth-Key: ")
                    .append(TestDatabase.OPERATOR_KEY)
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            try {
                body.write(out);
                out.flush();
            } catch (IOException ex) {
                // NOTE: the server may answer and close before the whole body is sent; the answer is still there
            }
            return parse(socket.getInputStream());
        }
    }

    private static RawResponse parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException ex) {
            // NOTE: a reset after the response arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, split).toLowerCase();
        String body = text.substring(split + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                if (size == 0) {
                    break;
                }
                joined.append(body, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
            body = joined.toString();
        }
        return new RawResponse(status, body);
    }
}
