package dev.keyhold.csr;

import dev.keyhold.dns.DnsName;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.InvalidDnsNameException;
import dev.keyhold.keys.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules of a custom CSR request, in the order Cloudflare documents them (codes 1405-1417): required subject
 * fields, a Common Name of at most 64 characters, 1 to 150 SANs that pass the naming rules, and a known key type.
 * Upper bounds on the other subject fields are X.520's, so the CSR never carries what a CA would refuse.
 */
@Component
public class CsrRules {

    static final int MAX_COMMON_NAME = 64;

    static final int MAX_SANS = 150;

    private static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    private final DnsNameRules names;

    public CsrRules(DnsNameRules names) {
        this.names = names;
    }

    /** Checks every rule and returns the normalised request, or throws for the first rule broken. */
    public ValidCsrRequest validate(CsrRequest r) {
        String country = required(r.country(), "/country", CsrRule.COUNTRY_REQUIRED);
        String state = required(r.state(), "/state", CsrRule.STATE_REQUIRED);
        String locality = required(r.locality(), "/locality", CsrRule.LOCALITY_REQUIRED);
        String organization = required(r.organization(), "/organization", CsrRule.ORGANIZATION_REQUIRED);
        String commonName = required(r.commonName(), "/common_name", CsrRule.COMMON_NAME_REQUIRED);
        if (commonName.codePointCount(0, commonName.length()) > MAX_COMMON_NAME) {
            throw new InvalidCsrRequestException(
                    CsrRule.COMMON_NAME_TOO_LONG, "/common_name", String.valueOf(MAX_COMMON_NAME));
        }
        String upperCountry = country.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upperCountry)) {
            throw new InvalidCsrRequestException(CsrRule.COUNTRY_INVALID, "/country", abbreviate(country));
        }
        List<DnsName> sans = sans(r.sans());
        KeyType keyType = keyType(r.keyType());
        String unit = optional(r.organizationalUnit());
        limit(state, "/state", 128);
        limit(locality, "/locality", 128);
        limit(organization, "/organization", 64);
        limit(unit, "/organizational_unit", 64);
        String name = optional(r.name());
        String description = optional(r.description());
        limit(name, "/name", 255);
        limit(description, "/description", 1024);
        for (String[] field : new String[][] {
            {state, "/state"},
            {locality, "/locality"},
            {organization, "/organization"},
            {unit, "/organizational_unit"},
            {commonName, "/common_name"},
            {name, "/name"},
            {description, "/description"}
        }) {
            if (field[0] != null && field[0].chars().anyMatch(Character::isISOControl)) {
                throw new InvalidCsrRequestException(CsrRule.FIELD_INVALID_CHARACTERS, field[1], null);
            }
        }
        return new ValidCsrRequest(
                upperCountry, state, locality, organization, unit, commonName, sans, keyType, name, description);
    }

    private List<DnsName> sans(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidCsrRequestException(CsrRule.SANS_REQUIRED, "/sans", null);
        }
        if (raw.size() > MAX_SANS) {
            throw new InvalidCsrRequestException(CsrRule.TOO_MANY_SANS, "/sans", String.valueOf(MAX_SANS));
        }
        List<DnsName> checked = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String san = raw.get(i) == null ? null : raw.get(i).strip();
            DnsName name = check(san, "/sans/" + i);
            if (!checked.contains(name)) {
                checked.add(name);
            }
        }
        return List.copyOf(checked);
    }

    private DnsName check(String san, String pointer) {
        try {
            return this.names.check(san);
        } catch (InvalidDnsNameException ex) {
            String offending = san == null ? null : abbreviate(san);
            throw switch (ex.violation()) {
                case SYNTAX -> new InvalidCsrRequestException(CsrRule.SAN_INVALID, pointer, offending);
                case NON_ASCII -> new InvalidCsrRequestException(CsrRule.SAN_NON_ASCII, pointer, offending);
                case RESERVED_TLD -> new InvalidCsrRequestException(CsrRule.SAN_RESERVED_TLD, pointer, offending);
                case EXAMPLE_DOMAIN -> new InvalidCsrRequestException(CsrRule.SAN_EXAMPLE_DOMAIN, pointer, offending);
                case PUBLIC_SUFFIX -> new InvalidCsrRequestException(CsrRule.SAN_PUBLIC_SUFFIX, pointer, ex.reason());
            };
        }
    }

    private static KeyType keyType(String raw) {
        if (raw == null) {
            return KeyType.RSA2048;
        }
        return KeyType.fromApiName(raw)
                .filter(KeyType::generated)
                .orElseThrow(
                        () -> new InvalidCsrRequestException(CsrRule.KEY_TYPE_INVALID, "/key_type", abbreviate(raw)));
    }

    private static String required(String value, String pointer, CsrRule rule) {
        if (value == null || value.isBlank()) {
            throw new InvalidCsrRequestException(rule, pointer, null);
        }
        return value.strip();
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void limit(String value, String pointer, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new InvalidCsrRequestException(CsrRule.FIELD_TOO_LONG, pointer, String.valueOf(max));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
