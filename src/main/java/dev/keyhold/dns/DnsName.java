package dev.keyhold.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A checked DNS name in lower-case ASCII, possibly a wildcard such as {@code *.example.org}. Get one from
 * {@link DnsNameRules} for user input; the constructor only lower-cases and checks cheap invariants, for names that
 * were checked before (for example when read back from the database).
 *
 * @param value the name, lower-cased; a wildcard's {@code *} is its whole left-most label
 */
public record DnsName(String value) {

    public DnsName {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a checked DNS name (" + value.length()
                    + " characters); check names from user input with DnsNameRules.check(String)");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** Whether the left-most label is the wildcard {@code *}. */
    public boolean isWildcard() {
        return this.value.startsWith("*.");
    }

    /** The labels from left to right: {@code *.a.com} has {@code [*, a, com]}. */
    public List<String> labels() {
        return List.of(this.value.split("\\."));
    }

    /**
     * Whether a certificate naming this name is valid for {@code host}, by RFC 6125 section 6.4.3: a name covers
     * itself, and a wildcard also covers every name with exactly one label in place of its {@code *}, so
     * {@code *.a.com} covers {@code x.a.com} but neither {@code a.com} nor {@code y.x.a.com}. A wildcard host is
     * covered only by the same wildcard.
     */
    public boolean covers(DnsName host) {
        Objects.requireNonNull(host, "host");
        if (this.value.equals(host.value)) {
            return true;
        }
        if (!isWildcard()) {
            return false;
        }
        String parent = this.value.substring(1);
        return host.value.endsWith(parent) && host.value.indexOf('.') == host.value.length() - parent.length();
    }

    /**
     * Whether this name belongs to {@code zone}: it is the zone or a name under it ({@code *.zone} included). Zones
     * are never wildcards; were one given, only the same name would be within it.
     */
    public boolean isWithin(DnsName zone) {
        Objects.requireNonNull(zone, "zone");
        return this.value.equals(zone.value) || this.value.endsWith("." + zone.value);
    }

    @Override
    public String toString() {
        return this.value;
    }

    // NOTE: cheap on purpose; checks ASCII before lower-casing, since e.g. the Kelvin sign lower-cases to 'k'
    private static boolean isWellFormed(String value) {
        if (value.isEmpty() || value.startsWith(".") || value.endsWith(".") || value.contains("..")) {
            return false;
        }
        int star = value.lastIndexOf('*');
        if (star > 0 || (star == 0 && !value.startsWith("*."))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isNameCharacter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '*';
    }
}
