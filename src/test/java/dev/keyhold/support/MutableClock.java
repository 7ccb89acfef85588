package dev.keyhold.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that keeps ticking (in microseconds, as the application's clock) from a chosen instant, and that a test
 * can move forward to see what time does to stored state, such as a certificate becoming {@code expired}.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset;

    /** A clock that reads {@code start} now and ticks on from it. */
    public MutableClock(Instant start) {
        this.offset = new AtomicReference<>(Duration.between(Instant.now(), start));
    }

    /** Moves the clock by {@code amount} (negative moves it back). */
    public void advance(Duration amount) {
        this.offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Makes the clock read {@code instant} now and tick on from it. */
    public void set(Instant instant) {
        this.offset.set(Duration.between(Instant.now(), instant));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(this.offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is always UTC");
    }
}
