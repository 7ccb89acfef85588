package dev.keyhold.keys;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * How many keys of each generated type a backend keeps ready ahead of demand, and how it refills them; read it with
 * {@link #from(Environment)} from {@code keyhold.keys.pool.*}. A backend given disabled settings generates every key
 * inline, as it would with an empty pool.
 *
 * @param enabled whether {@link KeyManager#create} takes pooled keys at all
 * @param threads how many background threads refill the pool; 0 makes a node that claims but never refills
 * @param targets the depth to keep per {@link KeyType#generated() generated} key type
 * @param interval how often the refiller checks the depth even without a claim (other nodes claim too)
 */
public record KeyPoolSettings(boolean enabled, int threads, Map<KeyType, Integer> targets, Duration interval) {

    static final String PREFIX = "keyhold.keys.pool.";

    /** A pool that is never used. */
    public static final KeyPoolSettings DISABLED = new KeyPoolSettings(false, 0, Map.of(), Duration.ofMinutes(1));

    public KeyPoolSettings {
        if (threads < 0 || threads > 64) {
            throw new KeyStoreConfigurationException(PREFIX + "threads=" + threads
                    + " is out of range: set KEYHOLD_KEY_POOL_THREADS between 0 (this node never refills) and 64");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new KeyStoreConfigurationException(
                    PREFIX + "interval=" + interval + " must be positive: set KEYHOLD_KEY_POOL_INTERVAL, e.g. 30s");
        }
        Map<KeyType, Integer> copy = new EnumMap<>(KeyType.class);
        targets.forEach((type, target) -> {
            if (!type.generated()) {
                throw new IllegalArgumentException("Keyhold does not generate " + type.apiName() + " keys to pool");
            }
            if (target < 0 || target > 100_000) {
                throw new KeyStoreConfigurationException(PREFIX + "target." + type.apiName() + "=" + target
                        + " is out of range: set it between 0 (no pool for this type) and 100000");
            }
            copy.put(type, target);
        });
        targets = Map.copyOf(copy);
    }

    /** The target depth of a key type; 0 when none is configured. */
    public int target(KeyType type) {
        return this.targets.getOrDefault(type, 0);
    }

    /** The settings under {@code keyhold.keys.pool.*}, with the defaults of {@code application.yml}. */
    public static KeyPoolSettings from(Environment environment) {
        Map<KeyType, Integer> targets = new EnumMap<>(KeyType.class);
        targets.put(KeyType.RSA2048, integer(environment, "target.rsa2048", 32));
        targets.put(KeyType.P256V1, integer(environment, "target.p256v1", 64));
        String interval = environment.getProperty(PREFIX + "interval", "30s").strip();
        Duration parsed;
        try {
            parsed = DurationStyle.detectAndParse(interval);
        } catch (IllegalArgumentException ex) {
            throw new KeyStoreConfigurationException(PREFIX + "interval=" + interval
                    + " is not a duration: set KEYHOLD_KEY_POOL_INTERVAL like 30s or 2m");
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new KeyStoreConfigurationException(
                    PREFIX + "interval=" + interval + " must be positive: set KEYHOLD_KEY_POOL_INTERVAL like 30s");
        }
        boolean enabled = Boolean.parseBoolean(
                environment.getProperty(PREFIX + "enabled", "true").strip());
        return new KeyPoolSettings(enabled, integer(environment, "threads", 1), targets, parsed);
    }

    private static int integer(Environment environment, String name, int fallback) {
        String value =
                environment.getProperty(PREFIX + name, String.valueOf(fallback)).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            throw new KeyStoreConfigurationException(
                    PREFIX + name + "=" + value + " is not a whole number: set it like " + fallback);
        }
    }
}
