package dev.keyhold.tenancy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies an account: 32 lowercase hex characters, like Cloudflare's account tags. */
public record AccountId(String value) {

    static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an account id is 32 lowercase hex characters");
        }
    }

    /** Whether the text has the form of an account id. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** A new random id. */
    public static AccountId random() {
        return new AccountId(randomHex());
    }

    static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return this.value;
    }
}
