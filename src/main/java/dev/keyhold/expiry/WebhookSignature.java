package dev.keyhold.expiry;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Keyhold-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code "<t>.<body>"},
 * keyed with the webhook's secret (UTF-8). Receivers recompute it, compare in constant time and refuse old {@code t}.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Keyhold-Signature";

    private WebhookSignature() {}

    /** The header value for the body, signed at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("cannot compute HMAC-SHA256", ex);
        }
    }
}
