package dev.keyhold.api;

import dev.keyhold.auth.Principal;
import dev.keyhold.system.InvalidConfigurationException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Cloudflare's API rate limit: each credential (an API token, or a user's Global API Key) may make
 * {@code keyhold.api.rate-limit.requests} requests per {@code window}; the allowance comes back whole at the end of
 * each window, counted from the credential's first request. Each node counts on its own: behind N nodes that share
 * the requests, a credential can make up to N times the limit. {@code requests = 0} turns the limit off.
 */
@Component
class RateLimits {

    private final long requests;

    private final Duration window;

    private final TimeMeter time;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(
            @Value("${keyhold.api.rate-limit.requests:1200}") long requests,
            @Value("${keyhold.api.rate-limit.window:5m}") Duration window,
            Clock clock) {
        if (requests < 0) {
            throw new InvalidConfigurationException(
                    "keyhold.api.rate-limit.requests=" + requests + " is negative: set KEYHOLD_RATE_LIMIT_REQUESTS"
                            + " to a number of requests per window, or 0 for no limit");
        }
        if (window.isNegative() || window.isZero()) {
            throw new InvalidConfigurationException("keyhold.api.rate-limit.window=" + window
                    + " must be positive: set KEYHOLD_RATE_LIMIT_WINDOW like 5m");
        }
        this.requests = requests;
        this.window = window;
        this.time = new ClockTime(clock);
    }

    /**
     * Counts one request of the principal's credential.
     *
     * @throws RateLimitedException when the credential has used its allowance for the current window
     */
    void count(Principal principal) {
        if (this.requests == 0) {
            return;
        }
        Bucket bucket = this.buckets.computeIfAbsent(principal.describe(), key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new RateLimitedException(seconds);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .withCustomTimePrecision(this.time)
                .addLimit(Bandwidth.builder()
                        .capacity(this.requests)
                        .refillIntervally(this.requests, this.window)
                        .build())
                .build();
    }

    /** The application's clock as Bucket4j's time, so tests can move it. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            var now = this.clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
