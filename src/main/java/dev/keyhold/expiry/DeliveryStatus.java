package dev.keyhold.expiry;

import java.util.Locale;

/** Where a delivery stands: {@code pending} until a 2xx answer ({@code delivered}) or the last attempt ({@code failed}). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    /** The lower-case name stored and shown by the API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus of(String apiName) {
        return valueOf(apiName.toUpperCase(Locale.ROOT));
    }
}
