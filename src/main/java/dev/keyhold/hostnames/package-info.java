/**
 * Custom hostnames (Cloudflare for SaaS): a customer's hostname on a zone, its ownership verification token and,
 * optionally, a certificate uploaded for it, for a custom CSR's key ({@code ssl.custom_csr_id}) or an uploaded key
 * ({@code ssl.custom_key}), checked by {@link dev.keyhold.certificates.UploadValidator}. Keyhold issues no
 * certificates and checks no ownership live: a hostname stays {@code pending} and its SSL is
 * {@code pending_validation} until a valid certificate is uploaded. Depends on {@code dns}, {@code keys}, {@code csr},
 * {@code certificates} and {@code tenancy}; never on {@code api}.
 */
package dev.keyhold.hostnames;
