package dev.keyhold.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes the secrets Keyhold hands out (API token values, Global API Keys) and the SHA-256 hashes it stores instead of
 * them. Hashes are compared in constant time.
 */
final class Secrets {

    /** Cloudflare's token alphabet: URL-safe, 64 symbols, so each draw is exactly 6 random bits. */
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    static final int TOKEN_LENGTH = 40;

    static final int GLOBAL_KEY_LENGTH = 37;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A new API token value: 40 URL-safe characters (240 random bits). */
    static String newTokenValue() {
        return urlSafe(TOKEN_LENGTH);
    }

    /** A new Global API Key: 37 lowercase hex characters, like Cloudflare's. */
    static String newGlobalKey() {
        byte[] bytes = new byte[19];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, GLOBAL_KEY_LENGTH);
    }

    /** A new dashboard password: 20 random URL-safe characters (120 bits), for the bootstrap operator. */
    static String newPassword() {
        return urlSafe(20);
    }

    private static String urlSafe(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(URL_SAFE.charAt(RANDOM.nextInt(URL_SAFE.length())));
        }
        return value.toString();
    }

    /** The SHA-256 of the secret's UTF-8 bytes, as 64 lowercase hex characters. */
    static String sha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
        }
    }

    /** Whether the presented secret hashes to the stored hash, compared in constant time. */
    static boolean matches(String storedHash, String presented) {
        return MessageDigest.isEqual(
                storedHash.getBytes(StandardCharsets.US_ASCII),
                sha256Hex(presented).getBytes(StandardCharsets.US_ASCII));
    }
}
