package dev.keyhold.dns;

import com.google.common.net.InternetDomainName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks names from user input (CSR SANs, custom hostnames, zone names) under one {@link NamePolicy} and returns them
 * as lower-case {@link DnsName}s; a refused name raises {@link InvalidDnsNameException} naming the rule it broke.
 * Under {@link NamePolicy#CLOUDFLARE} the rules run in the order Cloudflare documents for errors 1412 to 1416: syntax,
 * ASCII, reserved top-level domains, example domains, then the public suffix list (ICANN and private sections).
 */
public final class DnsNameRules {

    // RFC 2606 and RFC 6761 special-use names, plus .onion (RFC 7686), .alt (RFC 9476) and .internal (ICANN, 2024)
    private static final Set<String> RESERVED_TLDS =
            Set.of("test", "example", "invalid", "localhost", "local", "onion", "alt", "internal");

    // RFC 8375: home.arpa is a special-use domain, though not a top-level one
    private static final String HOME_ARPA = "home.arpa";

    private static final List<String> EXAMPLE_DOMAINS = List.of("example.com", "example.net", "example.org");

    private final NamePolicy policy;

    /** Rules that judge names under {@code policy}. */
    public DnsNameRules(NamePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy these rules apply. */
    public NamePolicy policy() {
        return this.policy;
    }

    /**
     * Checks one SAN or host name, which may be a wildcard such as {@code *.example.org}.
     *
     * @return the name, lower-cased
     * @throws InvalidDnsNameException when the name breaks a rule of the policy
     */
    public DnsName check(String raw) {
        DnsName name = NameSyntax.parse(raw);
        if (this.policy == NamePolicy.CLOUDFLARE) {
            checkPublicName(raw, name);
        }
        return name;
    }

    /**
     * Checks names in order, as for the SANs of one CSR; the first refused name decides the exception.
     *
     * @return the names, lower-cased, in their order, keeping only the first of names that differ only in case
     * @throws InvalidDnsNameException for the first name that breaks a rule of the policy
     */
    public List<DnsName> checkAll(List<String> raws) {
        Objects.requireNonNull(raws, "raws");
        Set<DnsName> names = new LinkedHashSet<>();
        for (String raw : raws) {
            names.add(check(raw));
        }
        return List.copyOf(names);
    }

    /**
     * Checks the name of a zone to create: never a wildcard, and under {@link NamePolicy#CLOUDFLARE} a registrable
     * domain (such as {@code example.co.uk}) or a subdomain of one.
     *
     * @return the zone name, lower-cased
     * @throws InvalidDnsNameException when the name breaks a rule of the policy
     */
    public DnsName checkZoneName(String raw) {
        DnsName name = NameSyntax.parse(raw);
        if (name.isWildcard()) {
            throw new InvalidDnsNameException(
                    NameViolation.SYNTAX, raw, "a zone name cannot be a wildcard; drop the leading '*.'");
        }
        if (this.policy == NamePolicy.CLOUDFLARE) {
            checkPublicName(raw, name);
        }
        return name;
    }

    private static void checkPublicName(String raw, DnsName name) {
        String domain = name.isWildcard() ? name.value().substring(2) : name.value();
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld) || domain.equals(HOME_ARPA) || domain.endsWith("." + HOME_ARPA)) {
            String reserved = RESERVED_TLDS.contains(tld) ? tld : HOME_ARPA;
            throw new InvalidDnsNameException(
                    NameViolation.RESERVED_TLD,
                    raw,
                    "\"" + reserved + "\" is reserved for special use and cannot be certified publicly");
        }
        for (String example : EXAMPLE_DOMAINS) {
            if (domain.equals(example) || domain.endsWith("." + example)) {
                throw new InvalidDnsNameException(
                        NameViolation.EXAMPLE_DOMAIN, raw, "\"" + example + "\" is reserved for documentation");
            }
        }
        checkPublicSuffix(raw, domain, tld);
    }

    // NOTE: the reasons are the error texts of Go's golang.org/x/net/publicsuffix, which Cloudflare returns in 1415
    private static void checkPublicSuffix(String raw, String domain, String tld) {
        InternetDomainName parsed = parseOrNull(domain);
        if (parsed == null || !parsed.hasPublicSuffix()) {
            throw new InvalidDnsNameException(
                    NameViolation.PUBLIC_SUFFIX,
                    raw,
                    "publicsuffix: invalid public suffix \"" + tld + "\" for domain \"" + domain + "\"");
        }
        if (parsed.isPublicSuffix()) {
            throw new InvalidDnsNameException(
                    NameViolation.PUBLIC_SUFFIX,
                    raw,
                    "publicsuffix: cannot derive eTLD+1 for domain \"" + domain + "\"");
        }
    }

    // Guava refuses a last label that begins with a digit ("foo.1a"); no public suffix does, so none is found
    private static InternetDomainName parseOrNull(String domain) {
        try {
            return InternetDomainName.from(domain);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
