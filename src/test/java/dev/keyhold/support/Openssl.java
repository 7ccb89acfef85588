package dev.keyhold.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code openssl} binary as a verifier independent of Bouncy Castle: {@link #inspect(String)} checks a
 * PEM CSR's self-signature and reads back its subject, SANs, key and signature algorithm; {@link #throwawayCa()}
 * makes a one-off CA that signs CSRs. Needs {@code openssl} on the PATH ({@code .ci/run} installs it).
 */
public final class Openssl {

    static final String VERIFY_OK = "Certificate request self-signature verify OK";

    private static final long TIMEOUT_SECONDS = 60;

    private static final Pattern SUBJECT = Pattern.compile("(?m)^\\s*Subject:\\s?(.*)$");
    private static final Pattern KEY_ALGORITHM = Pattern.compile("(?m)^\\s*Public Key Algorithm:\\s*(\\S+)");
    private static final Pattern KEY_BITS = Pattern.compile("(?m)^\\s*(?:RSA )?Public-Key:\\s*\\((\\d+) bit\\)");
    private static final Pattern CURVE = Pattern.compile("(?m)^\\s*ASN1 OID:\\s*(\\S+)");
    private static final Pattern EXPONENT = Pattern.compile("(?m)^\\s*Exponent:\\s*(\\d+)");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^\\s*Signature Algorithm:\\s*(\\S+)");
    private static final Pattern SAN = Pattern.compile("(?m)^\\s*X509v3 Subject Alternative Name:.*\\R\\s*(.*)$");

    private Openssl() {}

    /**
     * Runs {@code openssl req -in <file> -noout -verify -text} on a PEM CSR and parses what it printed. A CSR whose
     * signature does not verify yields {@code signatureVerified() == false}; one openssl cannot read at all throws.
     */
    public static OpensslReport inspect(String csrPem) {
        Path dir = Directories.createTemp("keyhold-openssl-");
        try {
            Path in = dir.resolve("request.pem");
            Files.writeString(in, csrPem, StandardCharsets.US_ASCII);
            // NOTE: oneline minus esc_msb keeps UTF-8 in subjects readable; the layout stays "C = US, ST = ..."
            Result r = run(
                    dir,
                    "openssl",
                    "req",
                    "-in",
                    in.toString(),
                    "-noout",
                    "-verify",
                    "-text",
                    "-nameopt",
                    "oneline,-esc_msb");
            if (r.exitCode() != 0 || !r.stdout().contains("Certificate Request:")) {
                throw new OpensslException("openssl could not read the CSR (exit " + r.exitCode() + "):\n" + r.all()
                        + "\n--- input ---\n" + csrPem);
            }
            return parse(r.stderr(), r.stdout());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            delete(dir);
        }
    }

    static OpensslReport parse(String stderr, String stdout) {
        // NOTE: openssl 3.0 exits 0 whether or not the self-signature verifies; only stderr tells
        boolean verified = stderr.lines().anyMatch(l -> l.strip().equals(VERIFY_OK))
                || stdout.lines().anyMatch(l -> l.strip().equals(VERIFY_OK));
        List<String> sans = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        String sanLine = first(SAN, stdout);
        if (sanLine != null && !sanLine.isBlank()) {
            for (String entry : sanLine.strip().split(", ")) {
                sans.add(entry);
                if (entry.startsWith("DNS:")) {
                    dns.add(entry.substring(4));
                }
            }
        }
        String bits = first(KEY_BITS, stdout);
        String exponent = first(EXPONENT, stdout);
        return new OpensslReport(
                verified,
                first(SUBJECT, stdout),
                sans,
                dns,
                first(KEY_ALGORITHM, stdout),
                bits == null ? 0 : Integer.parseInt(bits),
                first(CURVE, stdout),
                exponent == null ? null : Long.valueOf(exponent),
                first(SIGNATURE, stdout),
                stderr + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + stdout);
    }

    /** Creates a self-signed RSA CA in a temporary directory; close it to delete the directory and its key. */
    public static ThrowawayCa throwawayCa() {
        Path dir = Directories.createTemp("keyhold-throwaway-ca-");
        Result r = run(
                dir,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "30",
                "-subj",
                "/C=US/O=Throwaway/CN=Throwaway Test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        if (r.exitCode() != 0) {
            delete(dir);
            throw new OpensslException("openssl could not create the throwaway CA:\n" + r.all());
        }
        return new ThrowawayCa(dir);
    }

    /** A one-off CA made by openssl; {@link #sign(String)} issues a certificate for a CSR, copying its SANs. */
    public static final class ThrowawayCa implements AutoCloseable {

        private final Path dir;

        private ThrowawayCa(Path dir) {
            this.dir = dir;
        }

        /** The directory holding {@code ca.pem} and {@code ca.key}, for tools that sign with the CA themselves. */
        public Path directory() {
            return this.dir;
        }

        /** The CA certificate, PEM. */
        public String certificatePem() {
            try {
                return Files.readString(dir.resolve("ca.pem"));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Signs a PEM CSR for 30 days and returns the leaf certificate, PEM. */
        public String sign(String csrPem) {
            return sign(csrPem, 30);
        }

        /** Signs a PEM CSR for the given number of days and returns the leaf certificate, PEM. */
        public String sign(String csrPem, int days) {
            try {
                Path csr = Files.createTempFile(dir, "request-", ".pem");
                Path crt = Files.createTempFile(dir, "leaf-", ".pem");
                Files.writeString(csr, csrPem, StandardCharsets.US_ASCII);
                Result r = run(
                        dir,
                        "openssl",
                        "x509",
                        "-req",
                        "-in",
                        csr.toString(),
                        "-CA",
                        "ca.pem",
                        "-CAkey",
                        "ca.key",
                        "-CAcreateserial",
                        "-days",
                        String.valueOf(days),
                        "-copy_extensions",
                        "copy",
                        "-out",
                        crt.toString());
                if (r.exitCode() != 0) {
                    throw new OpensslException(
                            "openssl could not sign the CSR:\n" + r.all() + "\n--- input ---\n" + csrPem);
                }
                return Files.readString(crt);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            delete(dir);
        }
    }

    /** openssl failed in a way that is not a finding about the input (unreadable input, missing binary). */
    public static final class OpensslException extends RuntimeException {

        OpensslException(String message) {
            super(message);
        }

        OpensslException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {

        String all() {
            return stderr + stdout;
        }
    }

    private static Result run(Path dir, String... command) {
        try {
            Path out = Files.createTempFile(dir, "stdout-", ".txt");
            Path err = Files.createTempFile(dir, "stderr-", ".txt");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new OpensslException(
                        "openssl did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException ex) {
            throw new OpensslException(
                    "cannot run " + command[0] + " (is it installed? .ci/run installs it): " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new OpensslException("interrupted while running openssl", ex);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    private static void delete(Path dir) {
        Directories.deleteQuietly(dir);
    }
}
