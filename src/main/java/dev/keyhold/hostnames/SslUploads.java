package dev.keyhold.hostnames;

import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.certificates.CertificateRule;
import dev.keyhold.certificates.CertificateUpload;
import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.certificates.UploadValidator;
import dev.keyhold.certificates.ValidatedCertificate;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.dns.DnsName;
import dev.keyhold.hostnames.InvalidHostnameRequestException.Reason;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.tenancy.Zone;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds a custom hostname's SSL side from a request, merged over the current one: checks the attributes, finds the
 * key the certificate must carry (a CSR's, locked against deletion until the transaction ends; an uploaded one, taken
 * into custody; or the current one) and runs every upload check. Runs inside {@link CustomHostnames}' transactions.
 */
@Component
class SslUploads {

    private final HostnameRules rules;

    private final CustomCsrs csrs;

    private final KeyManager keys;

    private final UploadValidator validator;

    private final Clock clock;

    SslUploads(HostnameRules rules, CustomCsrs csrs, KeyManager keys, UploadValidator validator, Clock clock) {
        this.rules = rules;
        this.csrs = csrs;
        this.keys = keys;
        this.validator = validator;
        this.clock = clock;
    }

    /** The SSL side a request asks for, merged over the current one (null on create). */
    Upload ssl(Zone zone, DnsName hostname, SslRequest request, HostnameSsl current) {
        String method = this.rules.method(pick(request.method(), current == null ? null : current.method(), "http"));
        String type = this.rules.type(pick(request.type(), current == null ? null : current.type(), "dv"));
        BundleMethod bundleMethod = request.bundleMethod() != null
                ? this.rules.bundleMethod(request.bundleMethod())
                : current == null ? BundleMethod.UBIQUITOUS : current.bundleMethod();
        Map<String, Object> settings = request.settings() != null
                ? this.rules.settings(request.settings())
                : current == null ? Map.of() : current.settings();
        boolean wildcard = request.wildcard() != null ? request.wildcard() : current != null && current.wildcard();
        if (wildcard && hostname.isWildcard()) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE, "ssl.wildcard cannot be set on a wildcard hostname; drop one of them");
        }
        if (request.customKey() != null && request.customCsrId() != null) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE,
                    "send ssl.custom_key or ssl.custom_csr_id, not both: the certificate carries one key");
        }
        boolean certificate = request.customCertificate() != null;
        if (!certificate && (request.customKey() != null || request.customCsrId() != null)) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE,
                    "ssl.custom_key and ssl.custom_csr_id come with ssl.custom_certificate; send the certificate too");
        }
        HostnameId sslId = current == null ? HostnameId.random() : current.id();
        if (!certificate) {
            HostnameCertificate kept = current == null ? null : current.certificate();
            if (wildcard && kept == null) {
                throw new InvalidHostnameRequestException(
                        Reason.SSL_WILDCARD,
                        "ssl.wildcard needs a certificate: Keyhold issues none; upload ssl.custom_certificate "
                                + "covering *." + hostname);
            }
            if (wildcard && !coversWildcard(kept, hostname)) {
                throw notCovered(kept.hosts(), hostname);
            }
            return new Upload(
                    new HostnameSsl(
                            sslId,
                            method,
                            type,
                            bundleMethod,
                            wildcard,
                            settings,
                            current == null ? null : current.customCsrId(),
                            current == null ? null : current.keyId(),
                            kept,
                            current == null ? null : current.uploadedOn()),
                    List.of());
        }
        Key key = key(zone, request, current);
        ValidatedCertificate validated = this.validator.validate(
                CertificateUpload.forHostname(request.customCertificate(), key.publicKey(), bundleMethod, hostname),
                List.of());
        HostnameCertificate facts = HostnameCertificate.of(validated);
        if (wildcard && !coversWildcard(facts, hostname)) {
            throw notCovered(facts.hosts(), hostname);
        }
        List<String> warnings = new ArrayList<>(validated.warnings());
        boolean again = current != null
                && current.certificate() != null
                && current.certificate().fingerprint().equals(facts.fingerprint());
        if (again) {
            // NOTE: re-posting the certificate in service is idempotent (house style) and says so
            warnings.add("This certificate is already the hostname's certificate; it stays in service unchanged.");
        }
        return new Upload(
                new HostnameSsl(
                        sslId,
                        method,
                        type,
                        bundleMethod,
                        wildcard,
                        settings,
                        key.csr(),
                        key.id(),
                        facts,
                        again ? current.uploadedOn() : this.clock.instant()),
                warnings);
    }

    /** The key the certificate must carry: a CSR's (locked), a newly uploaded one, or the current one. */
    private Key key(Zone zone, SslRequest request, HostnameSsl current) {
        if (request.customCsrId() != null) {
            return csrKey(zone, CsrId.parse(request.customCsrId()));
        }
        if (request.customKey() != null) {
            ManagedKey imported = this.keys.importKey(request.customKey());
            return new Key(imported.id(), null, imported.publicKey());
        }
        if (current != null && current.customCsrId() != null) {
            return csrKey(zone, current.customCsrId());
        }
        if (current != null && current.keyId() != null) {
            ManagedKey stored = this.keys
                    .find(current.keyId())
                    .orElseThrow(() -> new IllegalStateException(
                            "the key of custom hostname SSL " + current.id() + " is missing from the key store"));
            return new Key(stored.id(), null, stored.publicKey());
        }
        throw new InvalidHostnameRequestException(
                Reason.SSL_ATTRIBUTE,
                "ssl.custom_certificate needs the key it was issued for: send ssl.custom_csr_id (a custom CSR of this "
                        + "zone or its account) or ssl.custom_key");
    }

    private Key csrKey(Zone zone, CsrId id) {
        CustomCsr csr = this.csrs.requireUsableIn(zone.accountId(), zone.id(), id);
        return new Key(csr.keyId(), csr.id(), this.csrs.publicKey(csr));
    }

    private static boolean coversWildcard(HostnameCertificate certificate, DnsName hostname) {
        DnsName wildcard = new DnsName("*." + hostname.value());
        return certificate.hosts().stream().map(DnsName::new).anyMatch(n -> n.covers(wildcard));
    }

    private static InvalidCertificateException notCovered(List<String> hosts, DnsName hostname) {
        return new InvalidCertificateException(
                CertificateRule.HOSTNAME_NOT_COVERED,
                "ssl.wildcard is set but none of the leaf's DNS names " + hosts + " covers *." + hostname
                        + "; upload a certificate that names *." + hostname + " or unset ssl.wildcard");
    }

    private static String pick(String requested, String current, String fallback) {
        return requested != null ? requested : current != null ? current : fallback;
    }

    private record Key(KeyId id, CsrId csr, PublicKey publicKey) {}

    record Upload(HostnameSsl ssl, List<String> warnings) {

        static final Upload NONE = new Upload(null, List.of());
    }
}
