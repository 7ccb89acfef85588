package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.MutableClock;
import dev.keyhold.support.V4Client;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Cloudflare's rate limit per credential, here 5 requests per minute so that a test can reach it. */
@KeyholdApiTest
@Import(CertificateTestConfiguration.class)
@TestPropertySource(properties = {"keyhold.api.rate-limit.requests=5", "keyhold.api.rate-limit.window=1m"})
class RateLimitApiTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    /** A fresh window for each test (this class has its own context and clock; time only moves forward). */
    @BeforeEach
    void nextWindow() {
        this.clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void answersTheRequestAfterTheLimitWith429RetryAfterAndCloudflaresError() {
        V4Client operator = V4Client.operator(this.port);
        String account = operator.defaultAccountId(); // request 1
        String token = token(operator, account); // request 2
        for (int i = 3; i <= 5; i++) {
            assertThat(operator.get("/accounts/" + account).status())
                    .as("request %d", i)
                    .isEqualTo(200);
        }
        this.clock.advance(Duration.ofSeconds(20));

        V4Client.Response limited = operator.get("/accounts/" + account);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("success").asBoolean()).isFalse();
        assertThat(limited.errorCode()).isEqualTo(971);
        assertThat(limited.errorMessage()).isEqualTo("Please wait and consider throttling your request speed");
        assertThat(limited.json().get("result").isNull()).isTrue();
        assertThat(limited.header("Retry-After"))
                .as("the window's 40 remaining seconds")
                .isEqualTo("40");

        V4Client bearer = operator.bearer(token);
        assertThat(bearer.get("/user/tokens/verify").status())
                .as("another credential has its own allowance")
                .isEqualTo(200);

        this.clock.advance(Duration.ofSeconds(40));
        assertThat(operator.get("/accounts/" + account).status())
                .as("a new window")
                .isEqualTo(200);
    }

    @Test
    void countsRequestsThatFailToo() {
        V4Client operator = V4Client.operator(this.port);
        for (int i = 1; i <= 5; i++) {
            assertThat(operator.get("/zones/" + "0".repeat(32)).status())
                    .as("request %d", i)
                    .isNotEqualTo(429);
        }
        assertThat(operator.get("/zones/" + "0".repeat(32)).status()).isEqualTo(429);
    }

    private static String token(V4Client operator, String account) {
        V4Client.Response created = operator.post(
                "/accounts/" + account + "/tokens",
                Map.of(
                        "name",
                        "rate limit",
                        "policies",
                        List.of(Map.of(
                                "effect",
                                "allow",
                                "permission_groups",
                                List.of(Map.of("id", TokensApiTests.TOKENS_READ)),
                                "resources",
                                Map.of("com.cloudflare.api.account." + account, "*")))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.result().get("value").asString();
    }
}
