package dev.keyhold.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throwaway SoftHSM2 tokens for the PKCS#11 backend's tests, in the directory of the {@code softhsm2.conf} that
 * {@code SOFTHSM2_CONF} names (the pom sets it for the test JVMs under {@code target/}): the first use rewrites that
 * file, wipes the token directory and initialises the tokens with {@code softhsm2-util}, before anything in the JVM
 * loads the library, which reads the file once. Never touches a system token. Needs {@code softhsm2}
 * ({@code .ci/run} installs it).
 */
public final class SoftHsm {

    /** A token: its label, the slot id SoftHSM2 gave it, and its user PIN. */
    public record Token(String label, long slot, String pin) {}

    private static final List<Path> LIBRARIES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private static Token keys;

    private static Token login;

    private SoftHsm() {}

    /** The token the backends under test keep their keys on (every test's keys are told apart by their ids). */
    public static synchronized Token keysToken() {
        initialise();
        return keys;
    }

    /**
     * A second token that no test ever logs in to successfully: PKCS#11 login state belongs to the whole process, so
     * only a token nobody is logged in to shows what a wrong PIN does.
     */
    public static synchronized Token loginToken() {
        initialise();
        return login;
    }

    /** SoftHSM2's PKCS#11 module. */
    public static Path library() {
        return LIBRARIES.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("SoftHSM2 is not installed (no libsofthsm2.so in "
                        + LIBRARIES + "): apt-get install softhsm2"));
    }

    private static void initialise() {
        if (keys != null) {
            return;
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven, whose surefire"
                    + " configuration points it at target/softhsm2/softhsm2.conf");
        }
        Path file = Path.of(conf).toAbsolutePath();
        Path tokens = file.resolveSibling("tokens");
        try {
            Directories.deleteQuietly(tokens);
            Files.createDirectories(tokens);
            Files.writeString(
                    file,
                    "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n"
                            + "slots.removable = false\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        keys = initToken("keyhold-keys", "4711-keys");
        login = initToken("keyhold-login", "4711-login");
    }

    private static Token initToken(String label, String pin) {
        String output =
                run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", "so-" + pin, "--pin", pin);
        Matcher slot = SLOT.matcher(output);
        if (!slot.find()) {
            throw new IllegalStateException("softhsm2-util did not say which slot token " + label + " got:\n" + output);
        }
        return new Token(label, Long.parseLong(slot.group(1)), pin);
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "cannot run " + command[0] + ": install SoftHSM2 (apt-get install softhsm2; .ci/run does)", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], ex);
        }
    }
}
