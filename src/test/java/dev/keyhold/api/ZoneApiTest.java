package dev.keyhold.api;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Base of API tests that work in a zone: the operator's client, the default account and a fresh zone in it. */
@KeyholdApiTest
abstract class ZoneApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    V4Client api;

    String accountId;

    String zoneId;

    @BeforeEach
    void createZone() {
        this.api = V4Client.operator(this.port);
        this.accountId = this.api.defaultAccountId();
        this.zoneId =
                this.api.createZone(getClass().getSimpleName().toLowerCase().replace("apitests", ""), this.accountId);
    }

    long count(String table) {
        return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
