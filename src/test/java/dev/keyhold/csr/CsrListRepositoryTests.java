package dev.keyhold.csr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KeyId;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.TestDatabase.Kind;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists and counts at scale, on the engine this run selected: every list order is read from an index (no scan and no
 * sort of the scope, checked in the query plan of a zone with thousands of CSRs), pages come back in the exact order,
 * and {@code total_count} stays exact under concurrent creation and deletion without counting the table. NOTE: named
 * *RepositoryTests so the pom's {@code postgres} execution runs it on PostgreSQL too.
 */
class CsrListRepositoryTests {

    /** The database, Flyway, transactions and the repository: none of the application's other beans. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class
    })
    @Import(CsrRepository.class)
    static class Repository {}

    private static final AccountId ACCOUNT = new AccountId("a0000000000000000000000000000001");

    private static final ZoneId BIG_ZONE = new ZoneId("b0000000000000000000000000000001");

    private static final ZoneId OTHER_ZONE = new ZoneId("b0000000000000000000000000000002");

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Enough rows that a scan or a sort of the scope would be the planner's worse choice by far. */
    private static final int BIG = Kind.selected() == Kind.POSTGRES ? 20_000 : 5_000;

    private static ConfigurableApplicationContext context;

    private static CsrRepository repository;

    private static JdbcClient jdbc;

    private static List<CustomCsr> big;

    @BeforeAll
    static void seed() {
        context = new SpringApplicationBuilder(Repository.class)
                .web(WebApplicationType.NONE)
                .initializers(new TestDatabase())
                .properties("spring.flyway.locations=classpath:db/migration", "spring.main.banner-mode=off")
                .run();
        repository = context.getBean(CsrRepository.class);
        jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("insert into accounts (id, name, created_on) values (:id, 'Scale', :now)")
                .param("id", ACCOUNT.value())
                .param("now", OffsetDateTime.now())
                .update();
        for (ZoneId zone : List.of(BIG_ZONE, OTHER_ZONE)) {
            jdbc.sql("insert into zones (id, account_id, name, created_on) values (:id, :account, :name, :now)")
                    .param("id", zone.value())
                    .param("account", ACCOUNT.value())
                    .param("name", zone.value().substring(28) + ".scale.test")
                    .param("now", OffsetDateTime.now())
                    .update();
        }
        big = IntStream.range(0, BIG)
                .mapToObj(i -> csr(CsrScope.zone(ACCOUNT, BIG_ZONE), i))
                .toList();
        insertInBulk(big);
        insertInBulk(IntStream.range(0, 300)
                .mapToObj(i -> csr(CsrScope.zone(ACCOUNT, OTHER_ZONE), BIG + i))
                .toList());
        insertInBulk(IntStream.range(0, 300)
                .mapToObj(i -> csr(CsrScope.account(ACCOUNT), 2 * BIG + i))
                .toList());
        if (Kind.selected() == Kind.POSTGRES) {
            jdbc.sql("analyze custom_csrs").update();
        }
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CsrOrder.Field.class)
    void readsEveryOrderOfABigZoneFromAnIndexWithoutScanningOrSortingIt(CsrOrder.Field field) {
        for (boolean descending : List.of(false, true)) {
            CsrOrder order = new CsrOrder(field, descending);
            assertIndexedPage(CsrScope.zone(ACCOUNT, BIG_ZONE), order, "custom_csrs_zone_");
        }
    }

    @ParameterizedTest
    @EnumSource(CsrOrder.Field.class)
    void readsEveryOrderOfAnAccountFromAnIndex(CsrOrder.Field field) {
        for (boolean descending : List.of(false, true)) {
            CsrOrder order = new CsrOrder(field, descending);
            // NOTE: with one account in the table, PostgreSQL may as well walk the zone index where zone_id is null
            assertIndexedPage(CsrScope.account(ACCOUNT), order, "custom_csrs_(account|zone)_");
        }
    }

    @ParameterizedTest
    @EnumSource(CsrOrder.Field.class)
    void pagesComeBackInExactlyTheRequestedOrderAtAnyDepth(CsrOrder.Field field) {
        for (boolean descending : List.of(false, true)) {
            CsrOrder order = new CsrOrder(field, descending);
            Comparator<CustomCsr> comparator = comparator(field);
            List<String> expected = big.stream()
                    .sorted(descending ? comparator.reversed() : comparator)
                    .map(c -> c.id().value())
                    .toList();
            for (int offset : List.of(0, 50, BIG / 2, BIG - 20)) {
                List<String> page = repository.list(CsrScope.zone(ACCOUNT, BIG_ZONE), order, offset, 50).stream()
                        .map(c -> c.id().value())
                        .toList();

                assertThat(page)
                        .as("%s at offset %d", order, offset)
                        .containsExactlyElementsOf(expected.subList(offset, Math.min(BIG, offset + 50)));
            }
        }
    }

    @Test
    void countsEachScopeApartFromTheOthers() {
        assertThat(repository.count(CsrScope.zone(ACCOUNT, BIG_ZONE))).isEqualTo(BIG);
        assertThat(repository.count(CsrScope.zone(ACCOUNT, OTHER_ZONE))).isEqualTo(300);
        assertThat(repository.count(CsrScope.account(ACCOUNT))).isEqualTo(300);
    }

    @Test
    void keepsTheCountExactUnderConcurrentCreationAndDeletionInOneZone() throws Exception {
        ZoneId zone = new ZoneId("b0000000000000000000000000000003");
        jdbc.sql("insert into zones (id, account_id, name, created_on) values (:id, :account, 'busy.scale.test', :now)")
                .param("id", zone.value())
                .param("account", ACCOUNT.value())
                .param("now", OffsetDateTime.now())
                .update();
        CsrScope scope = CsrScope.zone(ACCOUNT, zone);
        TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
        List<CustomCsr> created =
                IntStream.range(0, 240).mapToObj(i -> csr(scope, 3 * BIG + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (CustomCsr csr : created) {
                writes.add(pool.submit(() -> transaction.executeWithoutResult(t -> {
                    insertKey(csr);
                    repository.insert(csr);
                })));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            assertThat(repository.count(scope)).isEqualTo(240);

            List<Future<?>> deletes = new ArrayList<>();
            for (CustomCsr csr : created.subList(0, 90)) {
                deletes.add(pool.submit(() -> transaction.executeWithoutResult(t -> repository.delete(csr))));
            }
            for (Future<?> delete : deletes) {
                delete.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(repository.count(scope)).isEqualTo(150);
        assertThat(jdbc.sql("select count(*) from custom_csrs where zone_id = :zone")
                        .param("zone", zone.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(150);
        assertThat(repository.count(CsrScope.zone(ACCOUNT, BIG_ZONE))).isEqualTo(BIG);

        // a rolled-back creation leaves neither the row nor its count
        transaction.executeWithoutResult(t -> {
            CustomCsr csr = csr(scope, 4 * BIG);
            insertKey(csr);
            repository.insert(csr);
            t.setRollbackOnly();
        });
        assertThat(repository.count(scope)).isEqualTo(150);

        for (CustomCsr csr : created.subList(90, 240)) {
            repository.delete(csr);
        }
        repository.deleteCountsOfZone(zone);
        assertThat(repository.count(scope)).isZero();
        assertThat(jdbc.sql("select count(*) from csr_counts where scope_id = :zone")
                        .param("zone", zone.value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * The page's ids come from walking an index of the scope in the requested order: no scan of the table and no sort
     * of the scope; the whole query then reads only the page's rows by primary key.
     */
    private static void assertIndexedPage(CsrScope scope, CsrOrder order, String indexPattern) {
        String plan = plan(CsrRepository.listSql(scope, order), scope);
        String described = order + "\n" + plan;
        assertThat(plan.toLowerCase())
                .as(described)
                .containsPattern(indexPattern)
                .doesNotContain("seq scan on custom_csrs");
        if (Kind.selected() == Kind.POSTGRES) {
            // only the outer query sorts, and only the page it joined (Sort Key on c.)
            List<String> sortKeys = plan.lines()
                    .filter(l -> l.contains("Sort Key:"))
                    .map(String::trim)
                    .toList();
            assertThat(sortKeys).as(described).allMatch(k -> k.startsWith("Sort Key: c."));
            assertThat(plan).as(described).containsPattern("Index (Only )?Scan (Backward )?using " + indexPattern);
        } else {
            // H2 marks a query read in index order; a query that sorts the scope lacks the mark
            String page = plan(CsrRepository.pageSql(scope, order), scope);
            assertThat(page)
                    .as(order + "\n" + page)
                    .containsPattern(indexPattern)
                    .contains("/* index sorted */");
            assertThat(plan).as(described).contains("PRIMARY_KEY");
        }
    }

    private static String plan(String sql, CsrScope scope) {
        return jdbc
                .sql("explain " + sql)
                .params(CsrRepository.scopeParams(scope))
                .param("limit", 50)
                .param("offset", 100)
                .query((rs, row) -> rs.getString(1))
                .list()
                .stream()
                .collect(Collectors.joining("\n"));
    }

    private static Comparator<CustomCsr> comparator(CsrOrder.Field field) {
        Comparator<CustomCsr> created =
                Comparator.comparing(CustomCsr::createdAt).thenComparing(c -> c.id().value());
        return switch (field) {
            case NAME ->
                Comparator.comparing(CustomCsr::name, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(created);
            case ACCOUNT_TAG, CREATED_AT -> created;
        };
    }

    /**
     * A CSR row with a made-up key and PEM: the repository stores what it is given. Names repeat (every 7th is null)
     * and timestamps collide in pairs, so the tie-breaking columns of each order matter.
     */
    private static CustomCsr csr(CsrScope scope, int i) {
        String id = String.format("00000000-0000-4000-8000-%012d", i);
        return new CustomCsr(
                new CsrId(id),
                scope,
                new KeyId(String.format("10000000-0000-4000-8000-%012d", i)),
                i % 7 == 0 ? null : "name " + (i * 7919 % 1000),
                null,
                "US",
                "California",
                "San Francisco",
                "Scale Org",
                null,
                "scale.test",
                List.of("scale.test"),
                "p256v1",
                "-----BEGIN CERTIFICATE REQUEST-----\nnot parsed here\n-----END CERTIFICATE REQUEST-----\n",
                START.plusSeconds((i * 7L) % BIG / 2));
    }

    private static void insertKey(CustomCsr csr) {
        jdbc.sql(
                        """
                insert into sealed_keys (id, key_type, public_key, sealed, kek_version, created_at)
                values (:id, 'p256v1', :public, :sealed, 1, :now)""")
                .param("id", csr.keyId().value())
                .param("public", new byte[] {1})
                .param("sealed", new byte[] {2})
                .param("now", OffsetDateTime.ofInstant(csr.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /** Rows and their keys in JDBC batches, then the scope's count in one counter row, as a bulk load would. */
    private static void insertInBulk(List<CustomCsr> csrs) {
        JdbcTemplate template = context.getBean(JdbcTemplate.class);
        template.batchUpdate(
                "insert into sealed_keys (id, key_type, public_key, sealed, kek_version, created_at)"
                        + " values (?, 'p256v1', ?, ?, 1, ?)",
                csrs,
                1000,
                (ps, c) -> {
                    ps.setString(1, c.keyId().value());
                    ps.setBytes(2, new byte[] {1});
                    ps.setBytes(3, new byte[] {2});
                    ps.setObject(4, OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC));
                });
        template.batchUpdate(
                """
                insert into custom_csrs (id, account_id, zone_id, key_id, name, description, country, state, locality,
                    organization, organizational_unit, common_name, sans, key_type, csr, created_at)
                values (?, ?, ?, ?, ?, null, 'US', 'California', 'San Francisco', 'Scale Org', null, 'scale.test',
                    '["scale.test"]', 'p256v1', ?, ?)""",
                csrs,
                1000,
                (ps, c) -> {
                    ps.setString(1, c.id().value());
                    ps.setString(2, c.scope().account().value());
                    ps.setString(3, c.scope().zone().map(ZoneId::value).orElse(null));
                    ps.setString(4, c.keyId().value());
                    ps.setString(5, c.name());
                    ps.setString(6, c.pem());
                    ps.setObject(7, OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC));
                });
        CsrScope scope = csrs.get(0).scope();
        jdbc.sql("insert into csr_counts (scope_id, slot, n) values (:scope, :slot, :n)")
                .param("scope", scope.zone().map(ZoneId::value).orElseGet(() -> scope.account()
                        .value()))
                .param("slot", 1000)
                .param("n", csrs.size())
                .update();
    }
}
