package dev.keyhold.keys;

import org.bouncycastle.operator.ContentSigner;

/**
 * A key just created and a signer for it, for a caller that signs with the new key at once (a CSR): what
 * {@link KeyManager#create} and {@link KeyManager#signer} give, without reading back what was just stored.
 */
public record SigningKey(ManagedKey key, ContentSigner signer) {}
