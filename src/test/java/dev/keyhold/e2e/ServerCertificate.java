package dev.keyhold.e2e;

import dev.keyhold.support.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway server certificate for {@code localhost}, issued now by a {@link TestCa} made in the test, written as the
 * PEM files Keyhold's TLS listener reads: the chain (leaf, then intermediate) and the leaf's PKCS#8 key (mode 0600).
 */
record ServerCertificate(TestCa ca, X509Certificate leaf, KeyPair keys, Path chainFile, Path keyFile) {

    /** A new EC P-256 leaf for {@code localhost}, valid from a day ago for 30 days, written into {@code dir}. */
    static ServerCertificate issue(TestCa ca, Path dir, String name) {
        KeyPair keys = TestCa.ec("secp256r1");
        Instant now = Instant.now();
        X509Certificate leaf = TestCa.certificate("localhost", keys.getPublic())
                .sans("localhost")
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                .certificateIssuedBy(ca.intermediate());
        try {
            Files.createDirectories(dir);
            Path chain = Files.writeString(
                    dir.resolve(name + "-chain.pem"),
                    TestCa.pem(leaf, ca.intermediate().certificate()));
            Path key = dir.resolve(name + "-key.pem");
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, pkcs8(keys));
            return new ServerCertificate(ca, leaf, keys, chain, key);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    BigInteger serial() {
        return leaf.getSerialNumber();
    }

    /** The test CA's root certificate as a PEM file, for {@code openssl s_client -CAfile}. */
    Path rootFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("root.pem"), ca.root().pem());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A client TLS context that trusts the test CA's root and nothing else. */
    SSLContext trustingTheCa() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", ca.root().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String pkcs8(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
