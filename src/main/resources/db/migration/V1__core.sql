-- Keyhold core schema. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

create table accounts (
    id                  char(32)     not null primary key,
    name                varchar(255) not null,
    custom_csrs         boolean      not null default false,
    account_custom_csrs boolean      not null default false,
    created_on          timestamp with time zone not null
);

create table users (
    id           char(32)     not null primary key,
    email        varchar(320) not null,
    -- SHA-256 (hex) of the Global API Key; the key itself is never stored
    api_key_hash char(64)     not null,
    operator     boolean      not null default false,
    created_on   timestamp with time zone not null,
    constraint users_email_unique unique (email)
);

create table account_members (
    account_id char(32)    not null references accounts (id) on delete cascade,
    user_id    char(32)    not null references users (id) on delete cascade,
    role       varchar(32) not null,
    primary key (account_id, user_id)
);

create table zones (
    id         char(32)     not null primary key,
    account_id char(32)     not null references accounts (id),
    name       varchar(253) not null,
    created_on timestamp with time zone not null,
    constraint zones_name_unique unique (name)
);
create index zones_account_name on zones (account_id, name);

create table api_tokens (
    id          char(32)     not null primary key,
    account_id  char(32)     not null references accounts (id) on delete cascade,
    name        varchar(120) not null,
    -- SHA-256 (hex) of the secret value; the value is shown once and never stored
    secret_hash char(64)     not null,
    policies    text         not null,
    status      varchar(16)  not null,
    not_before  timestamp with time zone,
    expires_on  timestamp with time zone,
    issued_on   timestamp with time zone not null,
    modified_on timestamp with time zone not null,
    constraint api_tokens_secret_unique unique (secret_hash)
);
create index api_tokens_account on api_tokens (account_id, issued_on, id);

-- Private keys, sealed with AES-256-GCM under a key-encryption key (KEK).
-- sealed = 12-byte nonce || ciphertext || tag; the row id is the associated data.
create table sealed_keys (
    id          char(36)    not null primary key,
    key_type    varchar(16) not null,
    public_key  bytea       not null,
    sealed      bytea       not null,
    kek_version integer     not null,
    created_at  timestamp with time zone not null
);

create table custom_csrs (
    id                  char(36)     not null primary key,
    account_id          char(32)     not null references accounts (id),
    -- null for an account-level CSR
    zone_id             char(32)     references zones (id),
    key_id              char(36)     not null references sealed_keys (id),
    name                varchar(255),
    description         varchar(1024),
    country             varchar(2)   not null,
    state               varchar(128) not null,
    locality            varchar(128) not null,
    organization        varchar(64)  not null,
    organizational_unit varchar(64),
    common_name         varchar(64)  not null,
    -- JSON array of the SANs, in request order
    sans                text         not null,
    key_type            varchar(16)  not null,
    csr                 text         not null,
    created_at          timestamp with time zone not null,
    constraint custom_csrs_key_unique unique (key_id)
);
create index custom_csrs_zone_created on custom_csrs (zone_id, created_at, id);
create index custom_csrs_account_created on custom_csrs (account_id, created_at, id);
