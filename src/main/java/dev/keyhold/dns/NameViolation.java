package dev.keyhold.dns;

/** The rule a refused DNS name broke; the API layer maps each kind to the error code of its context. */
public enum NameViolation {

    /**
     * Not a DNS name: missing, too long, an IP address, special characters, empty or over-long labels, a label
     * beginning or ending with '-', a misplaced '*', or broken punycode.
     */
    SYNTAX,

    /** Contains characters outside ASCII; internationalized names must be sent in their punycode (xn--) form. */
    NON_ASCII,

    /** Ends in a reserved or special-use domain such as {@code test}, {@code localhost} or {@code home.arpa}. */
    RESERVED_TLD,

    /** Is, or is a wildcard directly over, a public suffix, or has no known public suffix at all. */
    PUBLIC_SUFFIX,

    /** Is or ends in {@code example.com}, {@code example.net} or {@code example.org}. */
    EXAMPLE_DOMAIN
}
