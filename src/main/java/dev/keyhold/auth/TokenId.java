package dev.keyhold.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies an API token (not its secret value): 32 lowercase hex characters, like Cloudflare's token ids. */
public record TokenId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    public TokenId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a token id is 32 lowercase hex characters");
        }
    }

    /** Whether the text has the form of a token id. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** A new random id. */
    public static TokenId random() {
        return new TokenId(randomHex());
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
