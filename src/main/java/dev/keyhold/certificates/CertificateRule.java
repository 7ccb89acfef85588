package dev.keyhold.certificates;

/**
 * The rules an uploaded certificate chain must satisfy, in the order {@link UploadValidator} checks them; each refusal
 * names one, and the API layer maps it to Cloudflare's code for custom certificates or custom hostnames.
 */
public enum CertificateRule {

    /** Nothing but whitespace was uploaded. */
    EMPTY,

    /** The text is not a sequence of PEM {@code CERTIFICATE} blocks holding DER X.509 certificates. */
    MALFORMED,

    /** No supplied certificate is an end-entity certificate (see {@link UploadedChain}). */
    NO_LEAF,

    /** More than one supplied certificate is an end-entity certificate. */
    MULTIPLE_LEAVES,

    /** The leaf's public key is not the expected one (the CSR's, or the uploaded private key's). */
    KEY_MISMATCH,

    /** The leaf's notBefore is after now. */
    NOT_YET_VALID,

    /** The leaf's notAfter is before now. */
    EXPIRED,

    /** The leaf expires within {@link UploadValidator#MINIMUM_REMAINING_VALIDITY} of now. */
    EXPIRING_SOON,

    /** The leaf's key is neither RSA of at least 2048 bits nor ECDSA on P-256 or P-384. */
    WEAK_KEY,

    /** A certificate is signed with something weaker than SHA-256 (SHA-1, MD5) or an unsupported algorithm. */
    WEAK_SIGNATURE,

    /** No subjectAltName dNSName of the leaf lies in the zone. */
    NO_ZONE_HOSTNAME,

    /** No subjectAltName dNSName of the leaf covers the custom hostname (RFC 6125 wildcards). */
    HOSTNAME_NOT_COVERED,

    /** The chain does not lead to a trust anchor (untrusted, self-signed, broken order under {@code force}). */
    UNTRUSTED,

    /**
     * An identical certificate (same leaf SHA-256) is already stored. {@link UploadValidator} never raises it: the
     * caller that stores certificates does, comparing {@link ValidatedCertificate#fingerprint()}.
     */
    DUPLICATE
}
