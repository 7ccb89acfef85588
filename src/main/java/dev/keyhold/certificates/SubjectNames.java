package dev.keyhold.certificates;

import dev.keyhold.dns.DnsName;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Reads the names of a certificate: subjectAltName dNSNames (never the CN) and a short issuer name. */
final class SubjectNames {

    private static final int DNS_NAME = 2;

    private SubjectNames() {}

    /** The subjectAltName dNSNames, lower-cased, in certificate order. */
    static List<String> dnsNames(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == DNS_NAME) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException ex) {
            throw new InvalidCertificateException(
                    CertificateRule.MALFORMED,
                    "the subjectAltName extension of " + Der.name(c)
                            + " cannot be parsed; have the certificate reissued");
        }
        return names;
    }

    /** The names that are DNS names Keyhold can compare; others (IDN in Unicode, odd characters) cover nothing. */
    static List<DnsName> names(List<String> hosts) {
        List<DnsName> names = new ArrayList<>();
        for (String host : hosts) {
            try {
                names.add(new DnsName(host));
            } catch (IllegalArgumentException ex) {
                // NOTE: a SAN that is not a DNS name Keyhold accepts simply covers no zone and no hostname
            }
        }
        return names;
    }

    /** The issuer's organization, else its common name, else its whole name (Cloudflare shows e.g. "DigiCert Inc"). */
    static String issuer(X509Certificate c) {
        try {
            X500Name issuer = X500Name.getInstance(c.getIssuerX500Principal().getEncoded());
            for (var attribute : List.of(BCStyle.O, BCStyle.CN)) {
                RDN[] rdns = issuer.getRDNs(attribute);
                if (rdns.length > 0) {
                    var value = rdns[0].getFirst().getValue();
                    return value instanceof ASN1String text ? text.getString() : value.toString();
                }
            }
            return issuer.toString();
        } catch (IllegalArgumentException ex) {
            // NOTE: Bouncy Castle refuses names the JDK parsed, e.g. a UTF8String that is not UTF-8 or a BIT STRING
            // with
            // bad padding (both found by CertificateChainFuzzTests); the JDK's rendering is good enough for display
            return c.getIssuerX500Principal().getName(X500Principal.RFC2253);
        }
    }
}
