package dev.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

    final SignInThrottle throttle = new SignInThrottle(this.clock);

    @Test
    void theFifthFailureLocksTheEmailForThirtySecondsThenEachFailureDoublesUpToFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            this.throttle.failed("a@example.com", "192.0.2.1");
            assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.1"))
                    .as("failure " + (i + 1))
                    .isEmpty();
        }
        this.throttle.failed("a@example.com", "192.0.2.1");
        assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.9"))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30)));
        assertThat(this.throttle.lockedFor("b@example.com", "192.0.2.1")).isEmpty();

        this.clock.advance(Duration.ofSeconds(31));
        assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.1")).isEmpty();
        this.throttle.failed("a@example.com", "192.0.2.1");
        assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.1"))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60)));

        for (int i = 0; i < 20; i++) {
            this.throttle.failed("a@example.com", "192.0.2." + (10 + i));
        }
        assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.99")).hasValueSatisfying(d -> assertThat(d)
                .isBetween(SignInThrottle.MAX_LOCKOUT.minusSeconds(1), SignInThrottle.MAX_LOCKOUT));
    }

    @Test
    void aSuccessClearsTheEmailButNotTheClient() {
        for (int i = 0; i < 4; i++) {
            this.throttle.failed("a@example.com", "192.0.2.1");
        }
        this.throttle.succeeded("a@example.com");
        this.throttle.failed("a@example.com", "192.0.2.1");
        assertThat(this.throttle.lockedFor("a@example.com", "192.0.2.1")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneClientLockItOutForEveryEmail() {
        for (int i = 0; i < 19; i++) {
            this.throttle.failed("user" + i + "@example.com", "198.51.100.7");
        }
        assertThat(this.throttle.lockedFor("new@example.com", "198.51.100.7")).isEmpty();
        this.throttle.failed("user19@example.com", "198.51.100.7");
        assertThat(this.throttle.lockedFor("new@example.com", "198.51.100.7")).isPresent();
        assertThat(this.throttle.lockedFor("new@example.com", "198.51.100.8")).isEmpty();
    }
}
