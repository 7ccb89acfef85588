/**
 * Custom CSRs: the request rules (Cloudflare's 1405-1417), the PKCS#10 request built with Bouncy Castle and signed
 * through {@link dev.keyhold.keys.KeyManager}, and their storage at zone or account scope. Depends on {@code dns},
 * {@code keys} and {@code tenancy}; never on {@code api}.
 */
package dev.keyhold.csr;
