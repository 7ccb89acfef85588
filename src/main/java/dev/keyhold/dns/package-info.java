/**
 * DNS names and the rules a name must pass before Keyhold puts it in a CSR or a zone: syntax, ASCII only, wildcards,
 * punycode, reserved and example names, and the public suffix list. It reports which rule a name broke as a
 * {@link dev.keyhold.dns.NameViolation}; mapping violations to Cloudflare error codes belongs to the API layer.
 * Depends on the JDK and Guava's public suffix list ({@code com.google.common.net.InternetDomainName}) only.
 */
package dev.keyhold.dns;
