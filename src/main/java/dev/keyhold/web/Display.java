package dev.keyhold.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write values: times in UTC to the minute, key types by their common names. */
final class Display {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Display() {}

    static String instant(Instant instant) {
        return instant == null ? "—" : MINUTE.format(instant);
    }

    static String keyType(String apiName) {
        return switch (apiName) {
            case "rsa2048" -> "RSA 2048";
            case "rsa3072" -> "RSA 3072";
            case "rsa4096" -> "RSA 4096";
            case "p256v1" -> "ECDSA P-256";
            case "p384" -> "ECDSA P-384";
            default -> apiName;
        };
    }
}
