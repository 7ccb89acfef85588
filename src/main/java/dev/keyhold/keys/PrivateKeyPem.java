package dev.keyhold.keys;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads an uploaded PEM private key as Cloudflare accepts one: unencrypted PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), with any {@code EC PARAMETERS} block ignored. Only key
 * backends use it, to take a key into custody; the key pair it returns must not travel further. Every refusal is an
 * {@link InvalidPrivateKeyException} whose message holds no key material.
 */
public final class PrivateKeyPem {

    /** The longest PEM text taken: an RSA-8192 key in PKCS#8 is about 6.3 KiB, so twice that and more. */
    public static final int MAX_LENGTH = 16 * 1024;

    private PrivateKeyPem() {}

    /** The key pair in the PEM text, its public half derived from the private one. */
    public static KeyPair read(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidPrivateKeyException("the private key is empty");
        }
        if (pem.length() > MAX_LENGTH) {
            throw new InvalidPrivateKeyException("the private key text is " + pem.length()
                    + " characters long; at most " + MAX_LENGTH + " are taken: upload one unencrypted key in PEM");
        }
        Object found = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object next = parser.readObject(); next != null; next = parser.readObject()) {
                if (next instanceof org.bouncycastle.asn1.x9.X9ECParameters
                        || next instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier) {
                    continue; // an EC PARAMETERS block: the key names its curve itself
                }
                if (found != null) {
                    throw new InvalidPrivateKeyException("the text holds more than one PEM block; upload one key");
                }
                found = next;
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof InvalidPrivateKeyException invalid) {
                throw invalid;
            }
            // NOTE: a parser's message may quote the input, so only the exception's type is reported
            throw new InvalidPrivateKeyException(
                    "the private key is not valid PEM (" + ex.getClass().getSimpleName() + ")");
        }
        if (found == null) {
            throw new InvalidPrivateKeyException("no PEM private key block was found");
        }
        if (found instanceof PEMEncryptedKeyPair || found instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidPrivateKeyException("the private key is encrypted; upload it without a passphrase");
        }
        PrivateKey key;
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (found instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (found instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new InvalidPrivateKeyException("the PEM block is not a private key");
            }
            return new KeyPair(derivePublic(key), key);
        } catch (IOException | GeneralSecurityException | RuntimeException ex) {
            if (ex instanceof InvalidPrivateKeyException invalid) {
                throw invalid;
            }
            throw new InvalidPrivateKeyException(
                    "the private key cannot be decoded (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** The Keyhold key type of a private key, or an {@link InvalidPrivateKeyException} naming what it is. */
    public static KeyType typeOf(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return switch (bits) {
                case 2048 -> KeyType.RSA2048;
                case 3072 -> KeyType.RSA3072;
                case 4096 -> KeyType.RSA4096;
                default ->
                    throw new InvalidPrivateKeyException(
                            "RSA keys of " + bits + " bits are not supported; use 2048, 3072 or 4096 bits");
            };
        }
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> KeyType.P256V1;
                case 384 -> KeyType.P384;
                default ->
                    throw new InvalidPrivateKeyException(
                            "ECDSA keys on a " + bits + "-bit curve are not supported; use P-256 or P-384");
            };
        }
        throw new InvalidPrivateKeyException(
                key.getAlgorithm() + " keys are not supported; use RSA (2048 bits or more) or ECDSA (P-256, P-384)");
    }

    private static java.security.PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        KeyType type = typeOf(key);
        KeyFactory factory = KeyFactory.getInstance(type.algorithm());
        if (key instanceof RSAPrivateCrtKey rsa) {
            return factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            String curve = type == KeyType.P256V1 ? "secp256r1" : "secp384r1";
            ECNamedCurveParameterSpec named = ECNamedCurveTable.getParameterSpec(curve);
            if (!named.getN().equals(ec.getParams().getOrder())
                    || !named.getCurve()
                            .getB()
                            .toBigInteger()
                            .equals(ec.getParams().getCurve().getB())) {
                throw new InvalidPrivateKeyException("ECDSA keys must be on the named curves P-256 or P-384");
            }
            ECMultiplier multiplier = new FixedPointCombMultiplier();
            org.bouncycastle.math.ec.ECPoint q =
                    multiplier.multiply(named.getG(), ec.getS()).normalize();
            return factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(
                            q.getAffineXCoord().toBigInteger(),
                            q.getAffineYCoord().toBigInteger()),
                    ec.getParams()));
        }
        throw new InvalidPrivateKeyException("RSA private keys must carry their public exponent (PKCS#1 CRT form)");
    }
}
