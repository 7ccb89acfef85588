package dev.keyhold.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Serves Keyhold's own listener over TLS when {@code KEYHOLD_TLS_CERTIFICATE} and {@code KEYHOLD_TLS_PRIVATE_KEY}
 * name PEM files: checks at startup that both are readable, parse, and belong together, then configures Spring Boot's
 * PEM SSL bundle {@value #BUNDLE} for the server with TLS 1.2 and 1.3 only and forward-secret AEAD ciphers, reloaded
 * when the files change. The settings go in last, so an explicit {@code spring.ssl.bundle.pem.keyhold.*} or
 * {@code server.ssl.*} setting still wins.
 */
class ServerTls implements EnvironmentPostProcessor, Ordered {

    static final String BUNDLE = "keyhold";

    static final String CERTIFICATE_VARIABLE = "KEYHOLD_TLS_CERTIFICATE";

    static final String PRIVATE_KEY_VARIABLE = "KEYHOLD_TLS_PRIVATE_KEY";

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Mozilla's "intermediate" suites: TLS 1.3's three, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2. */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String certificate = environment.getProperty("keyhold.tls.certificate");
        String privateKey = environment.getProperty("keyhold.tls.private-key");
        if (!StringUtils.hasText(certificate) && !StringUtils.hasText(privateKey)) {
            return;
        }
        if (!StringUtils.hasText(certificate) || !StringUtils.hasText(privateKey)) {
            String missing = StringUtils.hasText(certificate) ? PRIVATE_KEY_VARIABLE : CERTIFICATE_VARIABLE;
            String set = StringUtils.hasText(certificate) ? CERTIFICATE_VARIABLE : PRIVATE_KEY_VARIABLE;
            throw new InvalidConfigurationException(set + " is set but " + missing + " is not: set both to PEM files"
                    + " (the certificate chain, leaf first, and its private key) to serve HTTPS, or neither for HTTP.");
        }
        Path certificateFile = Path.of(certificate.strip()).toAbsolutePath().normalize();
        Path keyFile = Path.of(privateKey.strip()).toAbsolutePath().normalize();
        check(certificateFile, keyFile);
        boolean reload = environment.getProperty("keyhold.tls.reload", Boolean.class, true);
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("keyholdServerTls", settings(certificateFile, keyFile, reload)));
    }

    /** The Spring Boot properties that serve the listener with the bundle made of these two files. */
    static Map<String, Object> settings(Path certificateFile, Path keyFile, boolean reload) {
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".";
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("keyhold.tls.enabled", "true");
        settings.put("server.ssl.bundle", BUNDLE);
        settings.put(prefix + "keystore.certificate", "file:" + certificateFile);
        settings.put(prefix + "keystore.private-key", "file:" + keyFile);
        settings.put(prefix + "reload-on-update", String.valueOf(reload));
        settings.put(prefix + "options.enabled-protocols", String.join(",", PROTOCOLS));
        settings.put(prefix + "options.ciphers", String.join(",", CIPHERS));
        return settings;
    }

    /**
     * Fails unless the certificate file holds at least one certificate, the key file holds one unencrypted private key,
     * and that key signs what the first certificate's public key verifies. Messages name files, never their content.
     */
    static void check(Path certificateFile, Path keyFile) {
        String certificateText = read(certificateFile, CERTIFICATE_VARIABLE);
        String keyText = read(keyFile, PRIVATE_KEY_VARIABLE);
        List<X509Certificate> chain;
        try {
            chain = PemContent.of(certificateText).getCertificates();
        } catch (RuntimeException ex) {
            throw new InvalidConfigurationException(CERTIFICATE_VARIABLE + "=" + certificateFile
                    + " does not hold PEM certificates (" + ex.getClass().getSimpleName() + "): point it at the "
                    + "certificate chain, leaf first, as \"-----BEGIN CERTIFICATE-----\" blocks.");
        }
        if (chain == null || chain.isEmpty()) {
            throw new InvalidConfigurationException(
                    CERTIFICATE_VARIABLE + "=" + certificateFile
                            + " holds no \"-----BEGIN CERTIFICATE-----\" block: point it at the certificate chain, leaf first.");
        }
        if (keyText.contains("ENCRYPTED PRIVATE KEY") || keyText.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new InvalidConfigurationException(PRIVATE_KEY_VARIABLE + "=" + keyFile + " is encrypted: Keyhold "
                    + "reads an unencrypted key from a file only it can read (decrypt it with `openssl pkey -in <file>"
                    + " -out <new file>`, mode 0600).");
        }
        PrivateKey key;
        try {
            key = PemContent.of(keyText).getPrivateKey();
        } catch (RuntimeException ex) {
            key = null;
        }
        if (key == null) {
            throw new InvalidConfigurationException(PRIVATE_KEY_VARIABLE + "=" + keyFile
                    + " does not hold a PEM private key (PKCS#8 \"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE "
                    + "KEY\"): point it at the private key of the certificate in " + CERTIFICATE_VARIABLE + ".");
        }
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf.getPublicKey())) {
            throw new InvalidConfigurationException(PRIVATE_KEY_VARIABLE + "=" + keyFile + " is not the private key of"
                    + " the first certificate in " + CERTIFICATE_VARIABLE + "=" + certificateFile + " ("
                    + leaf.getSubjectX500Principal().getName() + "): give the key that certificate was issued for, and"
                    + " put the leaf certificate first in the chain.");
        }
    }

    private static String read(Path file, String variable) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException ex) {
            throw new InvalidConfigurationException(variable + "=" + file + " does not exist: point it at a PEM file"
                    + " Keyhold can read, or unset " + CERTIFICATE_VARIABLE + " and " + PRIVATE_KEY_VARIABLE
                    + " to serve plain HTTP.");
        } catch (AccessDeniedException ex) {
            throw new InvalidConfigurationException(variable + "=" + file + " is not readable by this user: fix its "
                    + "owner or permissions (the private key should be mode 0600, owned by the Keyhold user).");
        } catch (IOException ex) {
            throw new InvalidConfigurationException("Cannot read " + variable + "=" + file + " ("
                    + ex.getClass().getSimpleName() + "): point it at a" + " readable PEM file.");
        }
    }

    /** Whether the public key verifies what the private key signs: works for RSA, EC and EdDSA alike. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
                    default -> null;
                };
        if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return algorithm == null && key.getAlgorithm().equals(publicKey.getAlgorithm());
        }
        try {
            byte[] probe = "Keyhold TLS key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }
}
