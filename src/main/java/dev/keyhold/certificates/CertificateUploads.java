package dev.keyhold.certificates;

import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.dns.DnsName;
import dev.keyhold.keys.InvalidPrivateKeyException;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.tenancy.Zone;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What {@link CustomCertificates} does before it stores anything: finds the key an upload must carry (a CSR's, an
 * uploaded one, or the stored one) and runs the {@link UploadValidator} against it. Call it inside the facade's
 * transaction, so an imported key and the CSR lock end with it.
 */
@Component
class CertificateUploads {

    private final UploadValidator validator;

    private final CertificateRepository repository;

    private final CustomCsrs csrs;

    private final KeyManager keys;

    CertificateUploads(UploadValidator validator, CertificateRepository repository, CustomCsrs csrs, KeyManager keys) {
        this.validator = validator;
        this.repository = repository;
        this.csrs = csrs;
        this.keys = keys;
    }

    /**
     * Runs every upload check for the zone with the intermediates its account already serves, and refuses a leaf
     * another certificate of the zone has ({@code replacing} excepted).
     */
    ValidatedCertificate validate(Zone zone, String pem, PublicKey key, BundleMethod method, CertificateId replacing) {
        CertificateUpload upload = CertificateUpload.forZone(pem, key, method, new DnsName(zone.name()));
        ValidatedCertificate facts = this.validator.validate(upload, knownIntermediates(zone));
        if (this.repository.fingerprintTaken(zone.id(), facts.fingerprint(), replacing)) {
            throw duplicate(facts);
        }
        return facts;
    }

    /** The intermediates the zone's account has uploaded before: ubiquitous and optimal may use them. */
    private Set<X509Certificate> knownIntermediates(Zone zone) {
        Set<X509Certificate> known = new LinkedHashSet<>();
        for (String pem : this.repository.knownIntermediates(zone.accountId())) {
            known.addAll(CertificateChainParser.certificates(pem, 1));
        }
        return known;
    }

    /** Remembers the intermediates of a stored certificate's served chain for later uploads in the zone's account. */
    void remember(Zone zone, ValidatedCertificate facts, Instant now) {
        this.repository.rememberIntermediates(zone.accountId(), facts.servedIntermediates(), now);
    }

    /**
     * The key a new upload must carry: the named CSR's (a zone CSR of the zone or an account CSR of its account, locked
     * until the transaction ends), or the uploaded private key, taken into custody.
     */
    KeySource keyFor(Zone zone, CertificateRequest request) {
        if (request.privateKey() != null && request.csrId() != null) {
            throw bothKeySources();
        }
        if (request.csrId() != null) {
            CustomCsr csr = this.csrs.requireUsableIn(zone.accountId(), zone.id(), request.csrId());
            return new KeySource(csr.keyId(), csr.id(), this.csrs.publicKey(csr));
        }
        if (request.privateKey() != null) {
            return imported(request.privateKey());
        }
        throw new InvalidPrivateKeyException(
                "no private_key and no custom_csr_id were given; send the PEM private key of the certificate in"
                        + " private_key, or the id of the custom CSR it was issued for in custom_csr_id");
    }

    /** Takes an uploaded private key into custody; it is rolled back with the caller's transaction. */
    KeySource imported(String pem) {
        ManagedKey key = this.keys.importKey(pem);
        return new KeySource(key.id(), null, key.publicKey());
    }

    /** The key a stored certificate already carries. */
    KeySource stored(CustomCertificate certificate) {
        PublicKey key = this.keys
                .find(certificate.keyId())
                .orElseThrow(() -> new IllegalStateException("the key " + certificate.keyId()
                        + " of custom certificate " + certificate.id() + " is missing"))
                .publicKey();
        return new KeySource(certificate.keyId(), certificate.csrId().orElse(null), key);
    }

    static void requireCertificate(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCertificateException(
                    CertificateRule.EMPTY,
                    "no certificate was given; send the PEM leaf (and intermediates) in certificate");
        }
    }

    static InvalidCertificateRequestException bothKeySources() {
        return new InvalidCertificateRequestException(
                "private_key",
                "give either private_key or custom_csr_id, not both: a certificate for a custom CSR uses the key"
                        + " Keyhold holds for that CSR");
    }

    static InvalidCertificateException duplicate(ValidatedCertificate facts) {
        return new InvalidCertificateException(
                CertificateRule.DUPLICATE,
                "a certificate with SHA-256 fingerprint " + facts.fingerprint()
                        + " is already stored in this zone; edit that one (PATCH) instead");
    }

    /** Where the leaf's key is: the key's id, the CSR that holds it (or null), and its public half. */
    record KeySource(KeyId key, CsrId csr, PublicKey publicKey) {}
}
