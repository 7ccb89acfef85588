-- The intermediates an account's uploads have brought, one row per certificate: `ubiquitous` and `optimal` bundles
-- may complete a later chain with them. An upload reads this small table instead of parsing every served chain of
-- the account. Intermediates are public certificates: they stay known after the certificates that brought them are
-- deleted. V10 (Java) fills it from the chains stored before this migration.
create table known_intermediates (
    account_id  char(32) not null references accounts (id) on delete cascade,
    -- SHA-256 (hex) of the intermediate's DER
    fingerprint char(64) not null,
    pem         text     not null,
    added_on    timestamp with time zone not null,
    primary key (account_id, fingerprint)
);
