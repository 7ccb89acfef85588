package dev.keyhold.expiry;

import dev.keyhold.certificates.ChainExpiry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of an expiry notification, as every webhook of the account receives it (snake_case on the wire).
 *
 * @param certificateId the custom certificate's id, or the custom hostname's {@code ssl.id}
 * @param customHostnameId the custom hostname's id; null for a custom certificate
 * @param hostname the custom hostname; null for a custom certificate
 * @param daysLeft whole days left, rounded up: 20 for anything over 19 days
 * @param element {@code leaf} or {@code intermediate}: which certificate of the served chain expires first
 * @param subject that certificate's subject, RFC 2253
 */
record ExpiryAlert(
        String alertType,
        String notificationId,
        String accountId,
        String zoneId,
        String certificateId,
        String customHostnameId,
        String hostname,
        List<String> hosts,
        String expiresOn,
        String leafExpiresOn,
        long daysLeft,
        int thresholdDays,
        String element,
        String subject,
        String text,
        String createdAt) {

    static final String TYPE = "certificate_expiring";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    static ExpiryAlert of(String notificationId, ChainExpiry expiry, int thresholdDays, Instant now) {
        long daysLeft = daysLeft(expiry.left(now));
        String certificate = expiry.kind() == ChainExpiry.Kind.CUSTOM_HOSTNAME
                ? "the certificate " + expiry.certificateId() + " of custom hostname "
                        + expiry.owner().hostname()
                : "custom certificate " + expiry.certificateId();
        String what = expiry.element() == ChainExpiry.Element.LEAF
                ? Character.toUpperCase(certificate.charAt(0)) + certificate.substring(1)
                : "The intermediate " + expiry.subject() + " served with " + certificate;
        return new ExpiryAlert(
                TYPE,
                notificationId,
                expiry.accountId().value(),
                expiry.zoneId().value(),
                expiry.certificateId().value(),
                expiry.owner().customHostnameId(),
                expiry.owner().hostname(),
                expiry.hosts(),
                expiry.expiresOn().toString(),
                expiry.leafExpiresOn().toString(),
                daysLeft,
                thresholdDays,
                expiry.element().apiName(),
                expiry.subject(),
                what + " (" + String.join(", ", expiry.hosts()) + ") expires on " + expiry.expiresOn() + ", in "
                        + daysLeft + (daysLeft == 1 ? " day" : " days"),
                now.toString());
    }

    /** Whole days left, rounded up, so that a certificate with 19 days and an hour left has 20. */
    static long daysLeft(Duration left) {
        long seconds = left.toSeconds();
        return Math.floorDiv(seconds + 86_399, 86_400);
    }

    String json() {
        return JSON.writeValueAsString(this);
    }
}
