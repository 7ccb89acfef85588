/**
 * Custom certificates at upload time: parses a PEM chain, finds its leaf, matches the leaf to the expected key by
 * public key, builds and validates the chain against the trust store with the JDK's PKIX validator, checks validity,
 * names and strength, and returns the facts and the chain to serve ({@link dev.keyhold.certificates.UploadValidator}).
 * Each refusal is an {@link dev.keyhold.certificates.InvalidCertificateException} naming a
 * {@link dev.keyhold.certificates.CertificateRule}; mapping rules to Cloudflare codes belongs to the API layer. Depends
 * on {@code dns}, {@code system} (configuration errors) and Bouncy Castle; never on {@code api} or {@code web}.
 */
package dev.keyhold.certificates;
