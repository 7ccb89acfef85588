package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throws generated JSON at CSR creation: random documents, and valid requests with one field replaced by a random
 * value. Nothing may answer 5xx, every refusal is a v4 error envelope, and a refused request persists nothing.
 */
@KeyholdApiTest
class CsrFuzzApiTests {

    private static final int SAMPLES = Integer.getInteger("keyhold.fuzz.samples", 300);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    V4Client api;

    String zoneId;

    String accountId;

    @BeforeEach
    void setUp() {
        this.api = V4Client.operator(this.port);
        this.accountId = this.api.get("/accounts").result().get(0).get("id").asString();
        this.zoneId = this.api.post("/zones", Map.of("name", "f" + System.nanoTime() + ".keyhold.dev", "account",
                Map.of("id", this.accountId))).result().get("id").asString();
    }

    @Test
    void arbitraryDocumentsNeverCauseA5xxOrPersistAnything() {
        json(3).sampleStream().limit(SAMPLES).forEach(this::assertHandled);
    }

    @Test
    void validRequestsWithOneFieldMutatedNeverCauseA5xx() {
        List<String> fields = List.of("country", "state", "locality", "organization", "organizational_unit",
                "common_name", "sans", "key_type", "name", "description");
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(fields), values(2), Arbitraries.of(true, false))
            .as((field, value, drop) -> {
                Map<String, Object> body = new LinkedHashMap<>(Map.of("country", "US", "state", "MA", "locality",
                        "Boston", "organization", "O", "common_name", "a.keyhold.dev", "sans",
                        List.of("a.keyhold.dev"), "key_type", "p256v1"));
                if (drop) {
                    body.remove(field);
                }
                else {
                    body.put(field, value);
                }
                return V4Client.JSON.writeValueAsString(body);
            });
        mutated.sampleStream().limit(SAMPLES).forEach(this::assertHandled);
    }

    private void assertHandled(String body) {
        long csrs = count();
        String scope = body.hashCode() % 2 == 0 ? "/zones/" + this.zoneId : "/accounts/" + this.accountId;
        V4Client.Response r = this.api.post(scope + "/custom_csrs", body);
        assertThat(r.status()).as(body + " -> " + r.body()).isIn(201, 400);
        if (r.status() == 400) {
            assertThat(r.json().get("success").asBoolean()).as(r.body()).isFalse();
            assertThat(r.errorCode()).as(r.body()).isBetween(1400, 1419);
            assertThat(count()).as(body).isEqualTo(csrs);
        }
        else {
            assertThat(count()).as(body).isEqualTo(csrs + 1);
        }
    }

    private long count() {
        return this.jdbc.sql("select count(*) from custom_csrs").query(Long.class).single();
    }

    /** Arbitrary JSON text (and some truncated text), nested up to {@code depth}. */
    static Arbitrary<String> json(int depth) {
        Arbitrary<String> documents = values(depth).map(V4Client.JSON::writeValueAsString);
        Arbitrary<String> broken = documents.map(s -> s.length() > 1 ? s.substring(0, s.length() / 2) : "{");
        return Arbitraries.frequencyOf(Tuple.of(8, documents), Tuple.of(1, broken));
    }

    /** Arbitrary JSON values, nested up to {@code depth}, biased toward the field names and shapes of a CSR request. */
    static Arbitrary<Object> values(int depth) {
        Arbitrary<String> strings = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of("US", "us", "", " ", "rsa2048", "p256v1", "a.keyhold.dev", "*.keyhold.dev", "\u0000",
                        "ü.de", "x".repeat(70), "-a.b", "co.uk", "192.0.2.1", "null"));
        Arbitrary<Object> scalars = Arbitraries.oneOf(strings.map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
        Arbitrary<Object> value = scalars;
        for (int i = 0; i < depth; i++) {
            Arbitrary<Object> inner = value;
            Arbitrary<Object> lists = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
            Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("country", "state", "locality",
                    "organization", "common_name", "sans", "key_type", "name"), Arbitraries.strings().ofMaxLength(8)),
                    inner).ofMaxSize(8).map(m -> (Object) m);
            value = Arbitraries.oneOf(scalars, lists, maps);
        }
        Arbitrary<String> documents = value.map(V4Client.JSON::writeValueAsString);
        Arbitrary<String> broken = documents.map(s -> s.length() > 1 ? s.substring(0, s.length() / 2) : "{");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, documents), net.jqwik.api.Tuple.of(1, broken));
    }
}
