package dev.keyhold.keys;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The {@code keyhold.keys.generation} timers every backend reports key generation to, one per key type. */
public final class KeyGenerationTimers {

    public static final String NAME = "keyhold.keys.generation";

    private KeyGenerationTimers() {}

    /** Registers (or finds) the timer of every key type for the backend, tagged {@code key_type} and {@code backend}. */
    public static Map<KeyType, Timer> register(MeterRegistry meters, String backend) {
        Map<KeyType, Timer> timers = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            timers.put(
                    type,
                    Timer.builder(NAME)
                            .description("Time to generate a private key")
                            .tag("key_type", type.apiName())
                            .tag("backend", backend)
                            .publishPercentileHistogram()
                            // NOTE: P-256 takes microseconds, RSA-2048 tens to hundreds of milliseconds
                            .minimumExpectedValue(Duration.ofNanos(10_000))
                            .maximumExpectedValue(Duration.ofSeconds(10))
                            .register(meters));
        }
        return timers;
    }
}
