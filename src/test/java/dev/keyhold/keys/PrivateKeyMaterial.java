package dev.keyhold.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The forms in which a private key could leak into text (its PKCS#8 encoding as hex or base64, its secret numbers in
 * decimal or hex); {@link #assertAbsentFrom} fails when any of them appears in a string.
 */
public final class PrivateKeyMaterial {

    /** The end of a PEM private key's armour line, assembled so that this file never contains one. */
    static final String PEM_MARKER = "PRIVATE" + " KEY-----";

    private final List<String> markers = new ArrayList<>();

    private PrivateKeyMaterial() {}

    /** The markers of a PKCS#8-encoded RSA or EC private key, parsed with Bouncy Castle. */
    public static PrivateKeyMaterial of(KeyType type, byte[] pkcs8) {
        PrivateKeyMaterial material = new PrivateKeyMaterial();
        material.markers.add(PEM_MARKER);
        String base64 = Base64.getEncoder().encodeToString(pkcs8);
        material.markers.add(base64.substring(base64.length() / 2, base64.length() / 2 + 32));
        String hex = HexFormat.of().formatHex(pkcs8);
        material.markers.add(hex.substring(hex.length() / 2, hex.length() / 2 + 32));
        try {
            PrivateKey key =
                    KeyFactory.getInstance(type.algorithm(), "BC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (key instanceof RSAPrivateCrtKey rsa) {
                material.addNumbers(
                        rsa.getPrivateExponent(),
                        rsa.getPrimeP(),
                        rsa.getPrimeQ(),
                        rsa.getPrimeExponentP(),
                        rsa.getPrimeExponentQ(),
                        rsa.getCrtCoefficient());
            } else {
                material.addNumbers(((ECPrivateKey) key).getS());
            }
        } catch (GeneralSecurityException ex) {
            throw new AssertionError("not a " + type + " PKCS#8 private key", ex);
        }
        return material;
    }

    /** Only the generic markers, for backends whose keys cannot be exported. */
    public static PrivateKeyMaterial unknown() {
        PrivateKeyMaterial material = new PrivateKeyMaterial();
        material.markers.add(PEM_MARKER);
        return material;
    }

    /** A fragment of one secret number of the key, for tests of this check itself. */
    public String sample() {
        return this.markers.get(this.markers.size() - 1);
    }

    public void assertAbsentFrom(String... texts) {
        for (String text : texts) {
            String lower = String.valueOf(text).toLowerCase(Locale.ROOT);
            for (String marker : this.markers) {
                assertThat(lower)
                        .as("text exposing private key material: %s", text)
                        .doesNotContain(marker.toLowerCase(Locale.ROOT));
            }
        }
    }

    private void addNumbers(BigInteger... numbers) {
        for (BigInteger number : numbers) {
            // the 32 middle digits: enough to be unique, and found even inside a differently wrapped dump
            this.markers.add(middle(number.toString(16)));
            this.markers.add(middle(number.toString(10)));
        }
    }

    private static String middle(String digits) {
        int start = Math.max(0, digits.length() / 2 - 16);
        return digits.substring(start, Math.min(digits.length(), start + 32));
    }
}
