package dev.keyhold.keys;

import dev.keyhold.keys.KekAdministration.RotationOptions;
import dev.keyhold.keys.KekAdministration.RotationResult;
import dev.keyhold.system.InvalidConfigurationException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * {@code java -jar keyhold.jar kek <status|rotate|retire|verify>}: runs one KEK command in a non-web Spring context
 * that reads the server's configuration (environment variables, {@code application.yml}, {@code --name=value}
 * arguments) for the data dir, the KEK keystore and its password, and the database, then exits. Call {@link #run}
 * with the arguments after {@code kek}; it returns the process exit code and prints one line with the fix on failure.
 */
public final class KekCommand {

    /** Exit code of a refused command (a KEK still in use, a key that failed verification). */
    public static final int REFUSED = 1;

    /** Exit code of unusable configuration: keystore, password or database. */
    public static final int CONFIGURATION = 2;

    /** Exit code of unknown arguments. */
    public static final int USAGE = 64;

    static final String BATCH_SIZE_PROPERTY = "keyhold.keys.local.rotation.batch-size";

    static final String PAUSE_PROPERTY = "keyhold.keys.local.rotation.pause";

    private static final String USAGE_TEXT = "usage: java -jar keyhold.jar kek status"
            + " | kek rotate [--batch-size N] [--pause 100ms] [--max-batches N] [--new]"
            + " | kek retire <version> | kek verify";

    private final PrintStream out;

    private final PrintStream err;

    private KekCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code kek <args>}; the exit code is 0 on success. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new KekCommand(out, err).run(args);
    }

    /** Reads the server's configuration, and nothing but its DataSource is created. */
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class Context {}

    private int run(String[] args) {
        List<String> words = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            // NOTE: --name=value with a dotted name is a Spring property, as for the server (e.g. --keyhold.data-dir=)
            (arg.startsWith("--")
                                    && arg.contains("=")
                                    && arg.substring(0, arg.indexOf('=')).contains(".")
                            ? springArgs
                            : words)
                    .add(arg);
        }
        if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("--help")) {
            (words.isEmpty() ? this.err : this.out).println(USAGE_TEXT);
            return words.isEmpty() ? USAGE : 0;
        }
        Overrides overrides;
        try {
            overrides = parse(words);
        } catch (UsageException ex) {
            return fail(USAGE, ex.getMessage() + "; " + USAGE_TEXT);
        }
        SpringApplication application = new SpringApplication(Context.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(Map.of(
                "logging.level.root", "warn",
                "logging.level.com.zaxxer.hikari", "off",
                "logging.level.org.springframework.boot.SpringApplication", "off"));
        try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
            Environment environment = context.getEnvironment();
            try {
                KekAdministration keks = KeysConfiguration.kekAdministration(
                        environment, context.getBean(DataSource.class), Clock.systemUTC());
                return new KekOutput(this.out, this.err).dispatch(keks, words, overrides.resolve(environment));
            } catch (DataAccessException ex) {
                return fail(CONFIGURATION, database(ex, environment));
            }
        } catch (UsageException ex) {
            return fail(USAGE, ex.getMessage() + "; " + USAGE_TEXT);
        } catch (InvalidConfigurationException ex) {
            return fail(CONFIGURATION, ex.getMessage());
        } catch (KekInUseException | KekNotFoundException | KeyBackendException ex) {
            return fail(REFUSED, ex.getMessage());
        } catch (RuntimeException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null && !(cause instanceof InvalidConfigurationException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidConfigurationException config) {
                return fail(CONFIGURATION, config.getMessage());
            }
            return fail(
                    REFUSED,
                    "kek " + words.get(0) + " failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    /** The options given on the command line; null where the configuration decides. */
    private record Overrides(Integer batchSize, Duration pause, int maxBatches, boolean startNew) {

        RotationOptions resolve(Environment environment) {
            int size = this.batchSize != null
                    ? this.batchSize
                    : environment.getProperty(BATCH_SIZE_PROPERTY, Integer.class, 100);
            Duration wait = this.pause != null
                    ? this.pause
                    : DurationStyle.detectAndParse(environment.getProperty(PAUSE_PROPERTY, "0s"));
            if (size < 1) {
                throw new UsageException(BATCH_SIZE_PROPERTY + "=" + size + " must be at least 1");
            }
            return new RotationOptions(size, this.maxBatches, wait, RotationOptions.DEFAULT_SETTLE, this.startNew);
        }
    }

    private static Overrides parse(List<String> words) {
        String command = words.get(0);
        if (!List.of("status", "rotate", "retire", "remove-old", "verify").contains(command)) {
            throw new UsageException("unknown command kek " + command);
        }
        Integer batchSize = null;
        Duration pause = null;
        int maxBatches = -1;
        boolean startNew = false;
        for (int i = 1; command.equals("rotate") && i < words.size(); i++) {
            String option = words.get(i);
            switch (option) {
                case "--new" -> startNew = true;
                case "--batch-size", "--pause", "--max-batches" -> {
                    if (++i >= words.size()) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = words.get(i);
                    try {
                        switch (option) {
                            case "--batch-size" -> batchSize = Integer.parseInt(value);
                            case "--pause" -> pause = DurationStyle.detectAndParse(value);
                            default -> maxBatches = Integer.parseInt(value);
                        }
                    } catch (IllegalArgumentException ex) {
                        throw new UsageException(option + " " + value + " is not a valid value");
                    }
                }
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if ((batchSize != null && batchSize < 1) || maxBatches < -1) {
            throw new UsageException("--batch-size must be at least 1 and --max-batches at least 0");
        }
        int arguments = command.equals("retire") || command.equals("remove-old") ? 2 : 1;
        if (!command.equals("rotate") && words.size() != arguments) {
            throw new UsageException("kek " + command + " takes " + (arguments == 1 ? "no argument" : "one argument"));
        }
        return new Overrides(batchSize, pause, maxBatches, startNew);
    }

    private int fail(int code, String message) {
        this.err.println("keyhold kek: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
        return code;
    }

    /** What went wrong with the database, naming its URL without parameters (which may hold a password). */
    private static String database(DataAccessException ex, Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        String shown = url.split("[?;]", 2)[0];
        Throwable root = ex.getMostSpecificCause();
        String reason = root instanceof SQLException sql && sql.getMessage() != null
                ? sql.getMessage()
                : String.valueOf(root.getMessage());
        reason = reason.lines().findFirst().orElse("").strip();
        if (ex instanceof CannotGetJdbcConnectionException) {
            String fix = url.startsWith("jdbc:h2:file:")
                    ? "the embedded H2 database can be opened by one process only: stop the server first, or run"
                            + " Keyhold on PostgreSQL to rotate while serving"
                    : "check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, and that"
                            + " the database is up";
            return "Cannot connect to the database " + shown + " (" + reason + "): " + fix;
        }
        return "The database " + shown + " refused a statement (" + reason + "): if it lacks a table, start a server of"
                + " this Keyhold version once, which migrates the database, then run the command again";
    }

    /** Arguments the command does not understand. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }

    /** Prints what a rotation did; split out to keep the command's parsing and its wording apart. */
    static String describe(RotationResult result) {
        return switch (result.outcome()) {
            case NOTHING_TO_DO ->
                "Nothing to do: every local key is sealed under kek-" + result.version()
                        + ", the newest KEK, and its rotation is complete. Run `kek rotate --new` to rotate to a new"
                        + " KEK.";
            case COMPLETED ->
                "Rotation to kek-" + result.version() + " complete: re-sealed " + result.resealed() + " key(s) in "
                        + result.batches() + " batch(es); every local key is sealed under kek-" + result.version()
                        + ". Back up the keystore with the database; `kek retire <version>` removes an old KEK.";
            case STOPPED ->
                "Stopped after " + result.batches() + " batch(es) as asked: re-sealed " + result.resealed()
                        + " key(s), " + result.remaining() + " left under older KEKs. Run `kek rotate` again to"
                        + " finish the rotation to kek-" + result.version() + ".";
        };
    }
}
