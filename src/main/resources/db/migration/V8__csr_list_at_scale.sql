-- Lists that stay fast at a million CSRs in one scope.
--
-- total_count without counting: each CSR scope (a zone, or an account for account-level CSRs) has counter rows
-- whose n, summed, is the number of CSRs in the scope. A creation or deletion adds +1/-1 to one of 16 slots chosen
-- at random, in the transaction that inserts or deletes the CSR, so concurrent creations in one zone rarely wait on
-- the same row lock. Rows are created on first use (insert ... on conflict do nothing, which H2 accepts in
-- PostgreSQL mode), and any slot number counts: a bulk load may add a row of its own.
create table csr_counts (
    -- the zone id for zone CSRs, the account id for account CSRs
    scope_id char(32) not null,
    slot     smallint not null,
    n        bigint   not null,
    primary key (scope_id, slot)
);
insert into csr_counts (scope_id, slot, n)
    select zone_id, 0, count(*) from custom_csrs where zone_id is not null group by zone_id;
insert into csr_counts (scope_id, slot, n)
    select account_id, 0, count(*) from custom_csrs where zone_id is null group by account_id;

-- Every list order is an index range: the page's ids come from an index-only scan and only the page's rows are
-- read. Zone lists filter on zone_id; account lists on (account_id, zone_id is null).
create index custom_csrs_zone_name on custom_csrs (zone_id, name, created_at, id);
drop index custom_csrs_account_created;
create index custom_csrs_account_created on custom_csrs (account_id, zone_id, created_at, id);
create index custom_csrs_account_name on custom_csrs (account_id, zone_id, name, created_at, id);
