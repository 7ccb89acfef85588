package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.V4Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws generated JSON at CSR creation: random documents (some truncated), and valid requests with one field
 * dropped or replaced by a random value. Nothing may answer 5xx, every refusal is a v4 error envelope with a CSR
 * code, and a refused request persists nothing. The seed is in every failure message; set {@code -Dkeyhold.fuzz.seed}
 * to replay a run and {@code -Dkeyhold.fuzz.samples} to run longer.
 */
class CsrFuzzApiTests extends ZoneApiTest {

    private static final int SAMPLES = Integer.getInteger("keyhold.fuzz.samples", 300);

    private static final long SEED = Long.getLong("keyhold.fuzz.seed", System.nanoTime());

    private static final List<String> FIELDS = List.of(
            "country",
            "state",
            "locality",
            "organization",
            "organizational_unit",
            "common_name",
            "sans",
            "key_type",
            "name",
            "description");

    private static final List<String> INTERESTING = List.of(
            "US",
            "us",
            "",
            " ",
            "rsa2048",
            "p256v1",
            "a.keyhold.dev",
            "*.keyhold.dev",
            "\u0000",
            "ü.de",
            "x".repeat(70),
            "-a.b",
            "co.uk",
            "192.0.2.1",
            "null",
            "[]",
            "{}",
            "\uD83D\uDE00",
            "a".repeat(300));

    final Random random = new Random(SEED);

    @Test
    void arbitraryDocumentsNeverCauseA5xxOrPersistAnything() {
        for (int i = 0; i < SAMPLES; i++) {
            String document = V4Client.JSON.writeValueAsString(value(3));
            assertHandled(this.random.nextInt(9) == 0 ? document.substring(0, document.length() / 2) : document);
        }
    }

    @Test
    void validRequestsWithOneFieldMutatedNeverCauseA5xx() {
        for (int i = 0; i < SAMPLES; i++) {
            Map<String, Object> body = new LinkedHashMap<>(CsrRequests.body("p256v1", "a.keyhold.dev"));
            String field = FIELDS.get(this.random.nextInt(FIELDS.size()));
            if (this.random.nextBoolean()) {
                body.remove(field);
            } else {
                body.put(field, value(2));
            }
            assertHandled(V4Client.JSON.writeValueAsString(body));
        }
    }

    private void assertHandled(String body) {
        long csrs = count("custom_csrs");
        String scope = this.random.nextBoolean() ? "/zones/" + this.zoneId : "/accounts/" + this.accountId;
        V4Client.Response r = this.api.post(scope + "/custom_csrs", body);
        String what = "seed " + SEED + ": " + body + " -> " + r.body();
        assertThat(r.status()).as(what).isIn(201, 400);
        if (r.status() == 400) {
            assertThat(r.json().get("success").asBoolean()).as(what).isFalse();
            assertThat(r.errorCode()).as(what).isBetween(1400, 1419);
            assertThat(count("custom_csrs")).as(what).isEqualTo(csrs);
        } else {
            assertThat(count("custom_csrs")).as(what).isEqualTo(csrs + 1);
        }
    }

    /** A random JSON value nested up to {@code depth}, biased toward the field names and shapes of a CSR request. */
    private Object value(int depth) {
        int kind = this.random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> INTERESTING.get(this.random.nextInt(INTERESTING.size()));
            case 1 -> randomString();
            case 2 -> this.random.nextInt();
            case 3 -> this.random.nextDouble() * 1e6;
            case 4 -> this.random.nextBoolean();
            case 5 -> null;
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = this.random.nextInt(5); i > 0; i--) {
                    list.add(value(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = this.random.nextInt(9); i > 0; i--) {
                    String key = this.random.nextInt(3) == 0
                            ? randomString()
                            : FIELDS.get(this.random.nextInt(FIELDS.size()));
                    map.put(key, value(depth - 1));
                }
                yield map;
            }
        };
    }

    private String randomString() {
        StringBuilder b = new StringBuilder();
        for (int i = this.random.nextInt(40); i > 0; i--) {
            b.appendCodePoint(
                    this.random.nextInt(4) == 0 ? this.random.nextInt(0x2FFF) : 0x20 + this.random.nextInt(0x5F));
        }
        return b.toString();
    }
}
