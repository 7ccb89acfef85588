package dev.keyhold.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyhold's benchmark suite (issue 5): {@code bench/run.sh} builds the jars and calls this with the paths; it measures
 * the baselines, then the service on H2 and on PostgreSQL, and writes the Markdown report and the raw JSON. Exits 1
 * when a scenario had an error or could not run. With {@code --soak [duration]} it runs only the soak test
 * ({@link Soak}); {@code --smoke} ends with a 60 s soak.
 */
public final class Bench {

    static final String EMAIL = "bench@keyhold.test";
    static final String API_KEY = "b3c4e5f60718293a4b5c6d7e8f9012a3b4c5d";

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Settings settings = options.containsKey("smoke") ? Settings.forSmoke() : Settings.forFull();
        Path jar = Path.of(options.get("jar")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.get("work")).toAbsolutePath());
        Database database = new Database(
                options.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                options.getOrDefault("pg-user", "postgres"),
                System.getenv().getOrDefault("BENCH_POSTGRES_PASSWORD", ""),
                options.get("schema"));
        // NOTE: one recording per server process (target/bench/server-<name>.jfr), or they would overwrite each other
        Path profiles = options.containsKey("profile")
                ? Path.of(options.get("json")).toAbsolutePath().getParent()
                : null;

        Map<String, String> machine = new LinkedHashMap<>(Machine.describe());
        if (options.containsKey("soak")) {
            System.exit(soak(options, jar, work, database, machine) ? 0 : 1);
        }
        long started = System.nanoTime();
        Suite suite = new Suite();
        Provider accp = Baselines.accp();
        new DriverCheck(suite, settings).run();
        double accpKeygen = new BaselineGroup(suite, settings, accp).run();
        ThrowawayCa ca = new ThrowawayCa();
        Path anchors = Files.writeString(work.resolve("bench-root-ca.pem"), ca.rootPem());
        Servers servers = new Servers(jar, work, profiles, anchors);
        new H2Group(suite, settings, servers).run();
        String postgresVersion;
        try {
            postgresVersion = new PostgresGroup(suite, settings, servers, database, ca, accpKeygen).run();
            if (settings.smoke()) {
                smokeSoak(options, suite, servers, database, ca, machine);
            }
        } finally {
            Seeder.dropSchema(database.url(), database.user(), database.password(), database.schema());
        }
        double minutes = (System.nanoTime() - started) / 60e9;

        machine.put("PostgreSQL", postgresVersion);
        machine.put("load average at end (1, 5, 15 min)", Machine.loadAverage());
        Report report = new Report(settings, options, machine, suite, minutes, accp != null);
        report.write(
                Path.of(options.get("out")),
                Path.of(options.get("json")),
                options.containsKey("notes") ? Path.of(options.get("notes")) : null);
        long failures = suite.rows().stream().filter(r -> r.errors() != 0).count();
        System.err.printf(
                "bench: %s run done in %.1f min; %d row(s) with errors or failed; report %s%n",
                settings.mode(), minutes, failures, options.get("out"));
        System.exit(failures == 0 ? 0 : 1);
    }

    /** {@code --soak [duration]}: the soak alone on a fresh server; writes its report; true when it passed. */
    private static boolean soak(
            Map<String, String> options, Path jar, Path work, Database database, Map<String, String> machine)
            throws IOException, SQLException {
        String length = options.get("soak");
        SoakSettings settings =
                SoakSettings.full(SoakSettings.parse(length.isEmpty() ? "10m" : length), options.containsKey("h2"));
        ThrowawayCa ca = new ThrowawayCa();
        Servers servers =
                new Servers(jar, work, null, Files.writeString(work.resolve("bench-root-ca.pem"), ca.rootPem()));
        Soak.Result result;
        try {
            if (!settings.h2()) {
                machine.put("PostgreSQL", postgresVersion(database));
            }
            result = new Soak(settings, servers, database, ca, new LoadDriver().http()).run();
        } finally {
            if (!settings.h2()) {
                Seeder.dropSchema(database.url(), database.user(), database.password(), database.schema());
            }
        }
        machine.put("load average at end (1, 5, 15 min)", Machine.loadAverage());
        new SoakReport(result, options, machine).write(Path.of(options.get("out")), Path.of(options.get("json")));
        System.err.printf(
                "bench: soak %s after %d operations, %d error(s)%s; report %s%n",
                result.passed() ? "PASSED" : "FAILED",
                result.stats().operations(),
                result.stats().errorCount(),
                result.passed() ? "" : ": " + String.join("; ", result.failures()),
                options.get("out"));
        return result.passed();
    }

    /** The smoke run's short soak on PostgreSQL: its rows join the suite, its report goes next to the smoke report. */
    private static void smokeSoak(
            Map<String, String> options,
            Suite suite,
            Servers servers,
            Database database,
            ThrowawayCa ca,
            Map<String, String> machine) {
        String group = "Soak (smoke): mixed workload, 60 s";
        // NOTE: a fresh server has a fresh KEK, which the startup check refuses on pg-a's schema: its own schema
        Database soakDatabase = database.withSchema(database.schema() + "_soak");
        try {
            Soak.Result result = new Soak(
                            SoakSettings.smoke(),
                            servers,
                            soakDatabase,
                            ca,
                            suite.driver().http())
                    .run();
            Path dir = Path.of(options.get("json")).toAbsolutePath().getParent();
            SoakReport report = new SoakReport(result, options, machine);
            report.write(dir.resolve("soak-smoke.md"), dir.resolve("soak-smoke.json"));
            report.addTo(suite, group);
        } catch (Exception | Error ex) {
            suite.failed(group, "soak", "PostgreSQL", "-", Suite.Target.none(), ex);
        } finally {
            try {
                Seeder.dropSchema(
                        soakDatabase.url(), soakDatabase.user(), soakDatabase.password(), soakDatabase.schema());
            } catch (SQLException ex) {
                System.err.println("bench: could not drop schema " + soakDatabase.schema() + ": " + ex);
            }
        }
    }

    private static String postgresVersion(Database database) throws SQLException {
        try (Seeder seeder = new Seeder(database.url(), database.user(), database.password(), database.schema(), 1)) {
            return seeder.version();
        }
    }

    /** {@code --name value} and bare {@code --flag} arguments. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; options are --name [value]");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "");
            }
        }
        for (String required : List.of("jar", "work", "out", "json", "schema")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required (bench/run.sh passes it)");
            }
        }
        return options;
    }

    /** The PostgreSQL the bench uses and the fresh schema of this run (run.sh names it and drops it afterwards). */
    record Database(String url, String user, String password, String schema) {

        /** The same server with another schema, for a node that must not share this run's keys. */
        Database withSchema(String other) {
            return new Database(this.url, this.user, this.password, other);
        }

        Map<String, String> environment() {
            return Map.of(
                    "SPRING_DATASOURCE_URL",
                            this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema,
                    "SPRING_DATASOURCE_USERNAME", this.user,
                    "SPRING_DATASOURCE_PASSWORD", this.password,
                    "SPRING_FLYWAY_SCHEMAS", this.schema,
                    "SPRING_FLYWAY_CREATE_SCHEMAS", "true");
        }
    }
}
