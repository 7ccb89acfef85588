package dev.keyhold.certificates;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Fills {@code known_intermediates} (V9) from the chains stored before it existed: the intermediates of every served
 * chain, per account. Flyway names the version after the class; Spring Boot hands Flyway every such bean.
 */
@Component
class V10__Known_intermediates_backfill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(
                        """
                select z.account_id, c.served_chain_pem, c.uploaded_on
                from custom_certificates c join zones z on z.id = c.zone_id order by c.uploaded_on""");
                PreparedStatement insert = connection.prepareStatement(
                        """
                insert into known_intermediates (account_id, fingerprint, pem, added_on)
                values (?, ?, ?, ?) on conflict do nothing""");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                List<X509Certificate> served = CertificateChainParser.certificates(
                        rows.getString("served_chain_pem"), CertificateChainParser.MAX_CERTIFICATES);
                for (X509Certificate intermediate : served.subList(1, served.size())) {
                    insert.setString(1, rows.getString("account_id"));
                    insert.setString(2, HexFormat.of().formatHex(Der.sha256(Der.encoded(intermediate))));
                    insert.setString(3, Der.pem(List.of(intermediate)));
                    insert.setObject(4, rows.getObject("uploaded_on", OffsetDateTime.class));
                    insert.executeUpdate();
                }
            }
        }
    }
}
