/**
 * The local key backend: keys generated in-process and stored in {@code sealed_keys} only as PKCS#8 sealed with
 * AES-256-GCM under a key-encryption key from a PKCS#12 keystore in the data directory, and a pool of such keys
 * generated ahead of demand (rows marked {@code pooled}, invisible until {@link dev.keyhold.keys.KeyManager#create}
 * claims one). Nothing here is used outside {@code keys}, except by {@link dev.keyhold.keys.KeysConfiguration}, which constructs
 * {@link dev.keyhold.keys.local.LocalKeyManager}.
 */
package dev.keyhold.keys.local;
