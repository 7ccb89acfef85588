package dev.keyhold.keys;

import java.security.PublicKey;
import java.time.Instant;

/** The public facts of a managed key: never the private half. */
public record ManagedKey(KeyId id, KeyType type, PublicKey publicKey, Instant createdAt) {}
