package dev.keyhold.keys;

import dev.keyhold.keys.KekAdministration.RotationOptions;
import dev.keyhold.keys.KekAdministration.RotationResult;
import dev.keyhold.keys.KekAdministration.Status;
import dev.keyhold.keys.KekAdministration.Verification;
import dev.keyhold.keys.KekAdministration.VersionStatus;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs one {@code kek} subcommand on a {@link KekAdministration} and prints its outcome for an operator: versions,
 * counts, ids and reasons, never key material or the keystore password.
 */
final class KekOutput {

    private final PrintStream out;

    private final PrintStream err;

    KekOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int dispatch(KekAdministration keks, List<String> words, RotationOptions options) {
        String command = words.get(0);
        switch (command) {
            case "status" -> {
                status(keks.status());
                return 0;
            }
            case "rotate" -> {
                RotationResult result = keks.rotate(options, this::progress);
                this.out.println(KekCommand.describe(result));
                return 0;
            }
            case "retire", "remove-old" -> {
                int version = version(words.get(1));
                keks.retire(version);
                this.out.println("Removed kek-" + version + " from the keystore "
                        + keks.status().keystore()
                        + ": no stored key needs it. Give every node that keeps its own copy of the keystore this file,"
                        + " and back it up with the database.");
                return 0;
            }
            case "verify" -> {
                Verification verification = keks.verify(this::progress);
                verification.failures().forEach(f -> this.err.println("keyhold kek: " + f));
                this.out.println("Checked " + verification.checked() + " key(s): "
                        + (verification.failures().isEmpty()
                                ? "each unseals and signs, and its signature verifies with its public key."
                                : verification.failures().size() + " failed."));
                return verification.failures().isEmpty() ? 0 : KekCommand.REFUSED;
            }
            default -> throw new KekCommand.UsageException("unknown command kek " + command);
        }
    }

    private void status(Status status) {
        this.out.println("KEK keystore " + status.keystore() + " (password from " + status.passwordSource() + ")");
        for (VersionStatus version : status.versions()) {
            String where = !version.inKeystore()
                    ? "not in the keystore (retired)"
                    : version.version() == status.newest()
                            ? "in the keystore, newest: seals new keys"
                            : "in the keystore";
            this.out.println("kek-" + version.version() + ": " + where + "; " + version.keys() + " local key(s), "
                    + version.pooled() + " of them pooled"
                    + (version.recorded() ? "" : "; no check value recorded in the database"));
        }
        status.rotation()
                .ifPresentOrElse(
                        r -> this.out.println("Last rotation: to kek-" + r.version() + ", started " + r.startedAt()
                                + (r.completedAt() != null
                                        ? ", completed " + r.completedAt()
                                        : ", in progress: " + r.remaining()
                                                + " key(s) left under older KEKs; run `kek rotate` to finish it")),
                        () -> this.out.println("No rotation yet."));
    }

    private void progress(String line) {
        this.out.println(line);
        this.out.flush();
    }

    private static int version(String word) {
        String digits = word.startsWith("kek-") ? word.substring(4) : word;
        try {
            int version = Integer.parseInt(digits);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ex) {
            // falls through to the usage error
        }
        throw new KekCommand.UsageException(word + " is not a KEK version (e.g. 1 or kek-1)");
    }
}
