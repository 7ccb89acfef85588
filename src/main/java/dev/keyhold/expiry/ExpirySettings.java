package dev.keyhold.expiry;

import dev.keyhold.system.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * How expiry alerts run, from {@code keyhold.expiry.*} ({@link #from(Environment)}); bad values stop Keyhold at startup
 * with the fix.
 *
 * @param thresholds days before the effective expiry at which a notification is raised, largest first
 * @param checkInterval how often this node checks expiries and refreshes the gauge; zero: never
 * @param deliveryInterval how often this node sends due deliveries; zero: never
 * @param backoff the wait after the 1st, 2nd, ... failed attempt; the last one repeats
 * @param maxAttempts attempts before a delivery is {@code failed}
 * @param connectTimeout how long to wait for a webhook's TCP and TLS connection
 * @param requestTimeout how long to wait for a webhook's answer
 * @param allowPrivateAddresses whether webhooks may go to loopback, private and link-local addresses
 *     ({@link WebhookAddresses})
 */
public record ExpirySettings(
        List<Integer> thresholds,
        Duration checkInterval,
        Duration deliveryInterval,
        List<Duration> backoff,
        int maxAttempts,
        Duration connectTimeout,
        Duration requestTimeout,
        boolean allowPrivateAddresses) {

    static final String PREFIX = "keyhold.expiry.";

    public ExpirySettings {
        thresholds =
                thresholds.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        backoff = List.copyOf(backoff);
        if (thresholds.isEmpty() || thresholds.stream().anyMatch(t -> t < 1 || t > 365)) {
            throw new InvalidConfigurationException(PREFIX + "thresholds=" + thresholds
                    + " is invalid: set KEYHOLD_EXPIRY_THRESHOLDS to days between 1 and 365, e.g. 30,14");
        }
        if (backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new InvalidConfigurationException(PREFIX + "retry-backoff=" + backoff
                    + " is invalid: set KEYHOLD_EXPIRY_RETRY_BACKOFF to positive durations, e.g. 1m,5m,30m,2h");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new InvalidConfigurationException(PREFIX + "max-attempts=" + maxAttempts
                    + " is out of range: set KEYHOLD_EXPIRY_MAX_ATTEMPTS between 1 and 100");
        }
        requireNotNegative("check-interval", "KEYHOLD_EXPIRY_CHECK_INTERVAL", checkInterval);
        requireNotNegative("delivery-interval", "KEYHOLD_EXPIRY_DELIVERY_INTERVAL", deliveryInterval);
        requirePositive("connect-timeout", "KEYHOLD_WEBHOOK_CONNECT_TIMEOUT", connectTimeout);
        requirePositive("request-timeout", "KEYHOLD_WEBHOOK_REQUEST_TIMEOUT", requestTimeout);
    }

    /** The wait after the given failed attempt (1 for the first). */
    public Duration backoffAfter(int attempt) {
        return this.backoff.get(Math.min(attempt, this.backoff.size()) - 1);
    }

    /** How long one attempt may hold a delivery before another node may try it again. */
    Duration lease() {
        return this.connectTimeout.plus(this.requestTimeout).plusSeconds(30);
    }

    /** The settings under {@code keyhold.expiry.*}, with the defaults of {@code application.yml}. */
    public static ExpirySettings from(Environment environment) {
        List<Integer> thresholds = new ArrayList<>();
        String raw = environment.getProperty(PREFIX + "thresholds", "30,14");
        for (String part : raw.split(",")) {
            try {
                thresholds.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException ex) {
                throw new InvalidConfigurationException(PREFIX + "thresholds=" + raw
                        + " is not a list of days: set KEYHOLD_EXPIRY_THRESHOLDS like 30,14");
            }
        }
        List<Duration> backoff = new ArrayList<>();
        String rawBackoff = environment.getProperty(PREFIX + "retry-backoff", "1m,5m,30m,2h,6h,12h");
        for (String part : rawBackoff.split(",")) {
            backoff.add(duration("retry-backoff", part));
        }
        String attempts = environment.getProperty(PREFIX + "max-attempts", "8").strip();
        int maxAttempts;
        try {
            maxAttempts = Integer.parseInt(attempts);
        } catch (NumberFormatException ex) {
            throw new InvalidConfigurationException(
                    PREFIX + "max-attempts=" + attempts + " is not a number: set KEYHOLD_EXPIRY_MAX_ATTEMPTS like 8");
        }
        return new ExpirySettings(
                thresholds,
                duration("check-interval", environment.getProperty(PREFIX + "check-interval", "1h")),
                duration("delivery-interval", environment.getProperty(PREFIX + "delivery-interval", "15s")),
                backoff,
                maxAttempts,
                duration("connect-timeout", environment.getProperty(PREFIX + "connect-timeout", "5s")),
                duration("request-timeout", environment.getProperty(PREFIX + "request-timeout", "10s")),
                flag(environment, "allow-private-addresses", WebhookAddresses.SETTING));
    }

    private static boolean flag(Environment environment, String name, String variable) {
        String value = environment.getProperty(PREFIX + name, "false").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidConfigurationException(
                    PREFIX + name + "=" + value + " is not true or false: set " + variable + " to true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static Duration duration(String name, String value) {
        try {
            return DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationException(
                    PREFIX + name + "=" + value + " is not a duration: write it like 30s, 5m or 2h");
        }
    }

    private static void requireNotNegative(String name, String variable, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidConfigurationException(
                    PREFIX + name + "=" + value + " is invalid: set " + variable + " to a duration, 0 to turn it off");
        }
    }

    private static void requirePositive(String name, String variable, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(
                    PREFIX + name + "=" + value + " is invalid: set " + variable + " to a positive duration");
        }
    }
}
