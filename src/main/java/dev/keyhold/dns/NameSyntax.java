package dev.keyhold.dns;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax every name must have under any policy: ASCII letters, digits and hyphens in labels of 1 to 63
 * characters, at most 253 characters in all, not an IP address, a wildcard only as the whole left-most label, and
 * punycode that decodes. The checks run in a fixed order (ASCII, length, addresses, characters, labels, wildcard,
 * punycode) and the first failure is reported, so a name always earns the same violation and reason.
 */
final class NameSyntax {

    // NOTE: Cloudflare's error 1412 says "smaller than 256 characters", but a DNS name has at most 253 (255 octets
    // on the wire), and Guava's public suffix lookup refuses longer ones.
    private static final int MAX_NAME_LENGTH = 253;

    private static final int MAX_LABEL_LENGTH = 63;

    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

    // NOTE: the WHATWG URL standard parses a host whose last label is a decimal or 0x-hex number as IPv4
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    private NameSyntax() {}

    /**
     * The name, lower-cased, if its syntax is valid; {@code *} may only stand alone as the left-most label, with at
     * least one label after it.
     *
     * @throws InvalidDnsNameException with {@link NameViolation#SYNTAX} or {@link NameViolation#NON_ASCII}
     */
    static DnsName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw refused(raw, (raw == null) ? "the name is missing" : "the name is empty");
        }
        checkAscii(raw);
        String name = raw.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_NAME_LENGTH) {
            throw refused(
                    raw,
                    "the name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        checkNotAnAddress(raw, name);
        checkCharacters(raw, name);
        checkNoEmptyLabel(raw, name);
        String[] labels = name.split("\\.");
        for (String label : labels) {
            if (label.length() > MAX_LABEL_LENGTH) {
                throw refused(
                        raw,
                        "a label is " + label.length() + " characters long; at most " + MAX_LABEL_LENGTH
                                + " are allowed");
            }
        }
        for (String label : labels) {
            if (label.startsWith("-") || label.endsWith("-")) {
                throw refused(
                        raw, "label \"" + label + "\" " + (label.startsWith("-") ? "begins" : "ends") + " with '-'");
            }
        }
        checkWildcard(raw, labels);
        for (String label : labels) {
            if (label.startsWith("xn--") && !isPunycode(label)) {
                throw refused(raw, "label \"" + label + "\" is not valid punycode (IDNA)");
            }
        }
        return new DnsName(name);
    }

    private static void checkAscii(String raw) {
        for (int i = 0; i < raw.length(); i = raw.offsetByCodePoints(i, 1)) {
            int c = raw.codePointAt(i);
            if (c > 0x7F) {
                throw new InvalidDnsNameException(
                        NameViolation.NON_ASCII,
                        raw,
                        String.format(
                                "the name contains "
                                        + "the non-ASCII character U+%04X; send internationalized names in punycode (xn--)",
                                c));
            }
        }
    }

    private static void checkNotAnAddress(String raw, String name) {
        if (name.indexOf(':') >= 0 || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            throw refused(
                    raw,
                    "the name contains ':' or brackets, like an IPv6 address or a port; IP addresses "
                            + "are not allowed");
        }
        if (DOTTED_QUAD.matcher(name).matches()) {
            throw refused(raw, "the name is an IPv4 address; IP addresses are not allowed");
        }
        if (NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
            throw refused(raw, "the last label is a number, so the name would be read as an IPv4 address");
        }
    }

    private static void checkCharacters(String raw, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '*')) {
                String shown = (c > ' ' && c < 0x7F) ? "'" + c + "'" : String.format("U+%04X", (int) c);
                throw refused(
                        raw,
                        "the name contains the character " + shown + "; only letters, digits, '-' and '.' are allowed");
            }
        }
    }

    private static void checkNoEmptyLabel(String raw, String name) {
        if (name.startsWith(".")) {
            throw refused(raw, "the name begins with '.'");
        }
        if (name.endsWith(".")) {
            throw refused(raw, "the name ends with '.'; drop the trailing dot");
        }
        if (name.contains("..")) {
            throw refused(raw, "the name has an empty label ('..')");
        }
    }

    private static void checkWildcard(String raw, String[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].indexOf('*') >= 0 && (i > 0 || !labels[i].equals("*"))) {
                throw refused(raw, "'*' is allowed only as the whole left-most label, as in *.example.com");
            }
        }
        if (labels.length == 1 && labels[0].equals("*")) {
            throw refused(raw, "a wildcard needs a domain after '*.', as in *.example.com");
        }
    }

    // NOTE: IDN.toUnicode never throws; it returns its input unchanged when the label does not decode or when the
    // decoded label does not encode back to the same ASCII (RFC 3490 section 4.2, steps 6 and 7: the round trip)
    private static boolean isPunycode(String label) {
        return !IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES).equals(label);
    }

    private static InvalidDnsNameException refused(String raw, String reason) {
        return new InvalidDnsNameException(NameViolation.SYNTAX, raw, reason);
    }
}
