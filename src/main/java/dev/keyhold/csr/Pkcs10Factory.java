package dev.keyhold.csr;

import dev.keyhold.dns.DnsName;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.keys.SigningKey;
import java.io.IOException;
import java.util.Base64;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.stereotype.Component;

/**
 * Builds the PKCS#10 request for a managed key: subject in the order C, ST, L, O, OU, CN, the SANs as dNSNames in an
 * extensionRequest attribute, signed through the key's {@link SigningKey#signer()} so the private key is never seen here.
 */
@Component
class Pkcs10Factory {

    /** The PEM text of the signed request, with {@code \n} line endings and 64-character lines. */
    String build(ValidCsrRequest request, SigningKey signing) {
        ManagedKey key = signing.key();
        try {
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(subject(request), key.publicKey());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            GeneralName[] names = request.sans().stream()
                    .map(DnsName::value)
                    .map(n -> new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            PKCS10CertificationRequest csr = builder.build(signing.signer());
            return pem(csr.getEncoded());
        } catch (IOException ex) {
            throw new IllegalStateException("cannot encode the CSR for key " + key.id(), ex);
        }
    }

    static X500Name subject(ValidCsrRequest r) {
        // NOTE: values are added as ASN.1 strings, never as text: BCStyle reads text starting with '#' as hex DER
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        subject.addRDN(BCStyle.C, new DERPrintableString(r.country()));
        subject.addRDN(BCStyle.ST, new DERUTF8String(r.state()));
        subject.addRDN(BCStyle.L, new DERUTF8String(r.locality()));
        subject.addRDN(BCStyle.O, new DERUTF8String(r.organization()));
        if (r.organizationalUnit() != null) {
            subject.addRDN(BCStyle.OU, new DERUTF8String(r.organizationalUnit()));
        }
        subject.addRDN(BCStyle.CN, new DERUTF8String(r.commonName()));
        return subject.build();
    }

    static String pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}
