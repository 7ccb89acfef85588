package dev.keyhold.tenancy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The form of Cloudflare's identifiers for accounts, zones, tokens and users: 32 lowercase hex characters (128 random
 * bits). Typed ids ({@link AccountId}, {@link ZoneId}, and those of other features) check and create theirs here.
 */
public final class HexIdentifier {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private HexIdentifier() {}

    /** Whether the text has the form of an identifier. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** A new random identifier. */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
