/**
 * Custom certificates: parses a PEM chain, finds its leaf, matches the leaf to the expected key by public key, builds
 * and validates the chain against the trust store with the JDK's PKIX validator, checks validity, names and strength,
 * and returns the facts and the chain to serve ({@link dev.keyhold.certificates.UploadValidator}); stores a zone's
 * certificates with the key of a custom CSR or an uploaded private key
 * ({@link dev.keyhold.certificates.CustomCertificates}). Each refusal is a small exception naming the rule (for
 * chains, a {@link dev.keyhold.certificates.CertificateRule}); mapping them to Cloudflare codes belongs to the API
 * layer. Depends on {@code dns}, {@code keys}, {@code csr}, {@code tenancy}, {@code system} (configuration errors) and
 * Bouncy Castle; never on {@code api} or {@code web}.
 */
package dev.keyhold.certificates;
