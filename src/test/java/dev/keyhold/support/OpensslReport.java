package dev.keyhold.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code openssl req -noout -verify -text} said about one CSR; read it in assertions, and print {@link #text()}
 * when one fails.
 *
 * @param signatureVerified whether openssl printed "Certificate request self-signature verify OK"
 * @param subject the subject line as openssl prints it, e.g. {@code C = US, ST = California, ..., CN = app.keyhold.dev}
 * @param subjectAlternativeNames every SAN entry as printed, e.g. {@code DNS:app.keyhold.dev}, {@code IP Address:...}
 * @param dnsNames the DNS SANs only, in CSR order
 * @param publicKeyAlgorithm {@code rsaEncryption} or {@code id-ecPublicKey}
 * @param keyBits the key size in bits (2048 for RSA-2048, 256 for P-256)
 * @param curve the named curve ({@code prime256v1}), or null for RSA
 * @param rsaExponent the RSA public exponent, or null for EC
 * @param signatureAlgorithm {@code sha256WithRSAEncryption} or {@code ecdsa-with-SHA256}
 * @param text openssl's full output (stderr, then stdout), for failure messages
 */
public record OpensslReport(
        boolean signatureVerified,
        String subject,
        List<String> subjectAlternativeNames,
        List<String> dnsNames,
        String publicKeyAlgorithm,
        int keyBits,
        String curve,
        Long rsaExponent,
        String signatureAlgorithm,
        String text) {

    public OpensslReport {
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        dnsNames = List.copyOf(dnsNames);
    }

    /** The subject's attributes in order, e.g. {@code C=US}, {@code O=Example, Inc} (quotes and escapes removed). */
    public List<Map.Entry<String, String>> subjectEntries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (subject == null) {
            return entries;
        }
        for (String part : splitOutsideQuotes(subject)) {
            int eq = part.indexOf(" = ");
            if (eq < 0) {
                throw new IllegalStateException("unexpected subject attribute '" + part + "' in: " + subject);
            }
            entries.add(Map.entry(part.substring(0, eq), unquote(part.substring(eq + 3))));
        }
        return entries;
    }

    /** The first value of a subject attribute by openssl's short name ({@code CN}, {@code O}, {@code OU}, ...). */
    public Optional<String> subjectValue(String shortName) {
        return subjectEntries().stream()
                .filter(e -> e.getKey().equals(shortName))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static List<String> splitOutsideQuotes(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (!quoted && c == ',' && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
                parts.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        String v = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            out.append(c == '\\' && i + 1 < v.length() ? v.charAt(++i) : c);
        }
        return out.toString();
    }
}
