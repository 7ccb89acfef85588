/**
 * Keys: creates private keys and signs with them through {@link dev.keyhold.keys.KeyManager}, never handing a key
 * out. Owns the key types, the key ids, the {@code sealed_keys} table and the choice of backend
 * ({@link dev.keyhold.keys.KeysConfiguration}, the only class that names {@code keys.local}). Depends on
 * {@code system} (JCA providers), Bouncy Castle's operator API, Spring JDBC and Micrometer; never on {@code api} or
 * {@code web}.
 */
package dev.keyhold.keys;
