package dev.keyhold.certificates;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses uploaded PEM text into an {@link UploadedChain}. Accepts only {@code CERTIFICATE} blocks separated by
 * whitespace, in any order; text outside the blocks, other block types (keys, CSRs), PEM headers, bad base64 and DER
 * that is not exactly one X.509 certificate are {@link CertificateRule#MALFORMED}, like Cloudflare's "extra lines".
 */
public final class CertificateChainParser {

    /** The most certificates one upload may hold: a leaf, intermediates and perhaps a root, with room to spare. */
    public static final int MAX_CERTIFICATES = 10;

    /** The longest PEM text taken, checked before any parsing: ten 4 KiB certificates fit with room to spare. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----[ \\t]*\\n(.*?)\\n?[ \\t]*-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);

    /**
     * The chain in the text.
     *
     * @throws InvalidCertificateException for {@link CertificateRule#EMPTY}, {@link CertificateRule#MALFORMED},
     * {@link CertificateRule#NO_LEAF} or {@link CertificateRule#MULTIPLE_LEAVES}; text over {@link #MAX_LENGTH}
     * characters or with more than {@link #MAX_CERTIFICATES} blocks is refused before anything is parsed
     */
    public UploadedChain parse(String pem) {
        if (pem != null && pem.length() > MAX_LENGTH) {
            throw malformed("the certificate text is " + pem.length() + " characters long; at most " + MAX_LENGTH
                    + " are taken: send the leaf and its intermediates only, up to " + MAX_CERTIFICATES
                    + " certificates");
        }
        return UploadedChain.of(certificates(pem, MAX_CERTIFICATES));
    }

    /** Every certificate in PEM text, in order; at most {@code max} of them. */
    static List<X509Certificate> certificates(String pem, int max) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCertificateException(
                    CertificateRule.EMPTY,
                    "the certificate is empty; send the leaf certificate in PEM, optionally followed by intermediates");
        }
        int blocks = pem.split("-----BEGIN ", -1).length - 1;
        if (blocks > max) {
            throw malformed(blocks + " PEM blocks; at most " + max
                    + " certificates are taken: send the leaf and its intermediates only");
        }
        String text = pem.replace("\r\n", "\n");
        Matcher block = BLOCK.matcher(text);
        List<X509Certificate> certificates = new ArrayList<>();
        int end = 0;
        while (block.find()) {
            requireBlank(text, end, block.start());
            if (!block.group(1).equals("CERTIFICATE") || !block.group(3).equals("CERTIFICATE")) {
                throw malformed("PEM block " + (certificates.size() + 1) + " is a BEGIN " + block.group(1) + "/END "
                        + block.group(3) + " block; only CERTIFICATE blocks belong here (never a private key)");
            }
            if (certificates.size() == max) {
                throw malformed("more than " + max + " certificates; send the leaf and its intermediates only");
            }
            certificates.add(certificate(block.group(2), certificates.size() + 1));
            end = block.end();
        }
        requireBlank(text, end, text.length());
        if (certificates.isEmpty()) {
            throw malformed("no -----BEGIN CERTIFICATE----- block found; send the certificate in PEM");
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate certificate(String body, int position) {
        if (body.contains(":")) {
            throw malformed("PEM block " + position + " has headers; send a plain certificate block");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.replaceAll("[ \\t\\n]", ""));
        } catch (IllegalArgumentException ex) {
            throw malformed("PEM block " + position + " is not valid base64");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException ex) {
            throw malformed("PEM block " + position + " is not an X.509 certificate");
        }
        if (!Arrays.equals(Der.encoded(certificate), der)) {
            throw malformed("PEM block " + position + " holds data after the certificate");
        }
        return certificate;
    }

    private static void requireBlank(String text, int from, int to) {
        String between = text.substring(from, to);
        if (!between.isBlank()) {
            long line = text.substring(0, from).chars().filter(c -> c == '\n').count()
                    + between.chars()
                            .takeWhile(Character::isWhitespace)
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            throw malformed("text outside a PEM block at line " + line
                    + "; send only -----BEGIN CERTIFICATE----- blocks, with nothing between them");
        }
    }

    private static InvalidCertificateException malformed(String detail) {
        return new InvalidCertificateException(CertificateRule.MALFORMED, detail);
    }
}
