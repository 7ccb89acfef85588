package dev.keyhold.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of V13: refuses every UPDATE and DELETE of {@code audit_events} (PostgreSQL uses a PL/pgSQL trigger).
 * NOTE: H2 stores this class name in the database and loads it whenever the database opens; never rename or move it.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(V13__Audit_events.REFUSAL, "42501");
    }
}
