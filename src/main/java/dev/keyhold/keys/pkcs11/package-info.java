/**
 * The PKCS#11 key backend: keys generated on (or imported into) one token as sensitive, non-extractable objects
 * through the JDK's SunPKCS11 provider, signatures made on the token, and {@code sealed_keys} rows with
 * {@code backend = 'pkcs11'} that record each key's public half and no secret; the key pool is rows plus token
 * objects, claimed like the local backend's. Nothing here is used outside {@code keys}, except by
 * {@link dev.keyhold.keys.KeysConfiguration}, which constructs {@link dev.keyhold.keys.pkcs11.Pkcs11KeyManager}.
 */
package dev.keyhold.keys.pkcs11;
