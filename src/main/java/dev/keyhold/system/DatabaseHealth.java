package dev.keyhold.system;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code db} component of {@code /actuator/health} (and of readiness), in place of Spring Boot's: DOWN carries the
 * reason as the status description ("Keyhold cannot reach its database: connection refused"), which the endpoint shows
 * even though it shows no details, and which never names a host, a user or a password. The check waits no longer than
 * the connection pool's {@code connection-timeout}.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    /** Seconds a borrowed connection has to answer {@link Connection#isValid}. */
    private static final int VALIDATION_SECONDS = 1;

    private final DataSource dataSource;

    private final DatabaseOutages outages;

    DatabaseHealth(DataSource dataSource, DatabaseOutages outages) {
        this.dataSource = dataSource;
        this.outages = outages;
    }

    @Override
    public Health health() {
        try (Connection connection = this.dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                return down("it did not answer within " + VALIDATION_SECONDS + " s");
            }
            this.outages.recovered();
            return Health.up().build();
        } catch (SQLException | RuntimeException ex) {
            this.outages.report(ex, "the health check");
            return down(DatabaseOutages.reason(ex));
        }
    }

    private static Health down(String reason) {
        return Health.status(new Status(Status.DOWN.getCode(), "Keyhold cannot reach its database: " + reason))
                .build();
    }
}
