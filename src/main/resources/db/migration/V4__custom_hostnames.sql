-- Custom hostnames (Cloudflare for SaaS) and their certificates. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
-- One row per hostname; the ssl_* columns are null when the hostname was created without an `ssl` object.
create table custom_hostnames (
    id                   char(36)     not null primary key,
    zone_id              char(32)     not null references zones (id),
    -- lower-case ASCII (punycode); unique across all zones, as Cloudflare refuses a hostname another zone holds
    hostname             varchar(255) not null,
    -- the ownership verification token (TXT record value and HTTP body)
    verification_token   char(36)     not null,
    -- JSON object of strings
    custom_metadata      text,
    custom_origin_server varchar(255),
    custom_origin_sni    varchar(255),
    created_at           timestamp with time zone not null,
    ssl_id               char(36),
    ssl_method           varchar(8),
    ssl_type             varchar(8),
    ssl_bundle_method    varchar(16),
    ssl_wildcard         boolean,
    -- JSON object: Cloudflare's sslsettings as accepted
    ssl_settings         text,
    -- the CSR whose key the certificate carries; null when the key was uploaded as ssl.custom_key
    custom_csr_id        char(36),
    -- the CSR's key, or the uploaded key (owned by this row and destroyed with it)
    key_id               char(36)     references sealed_keys (id),
    issuer               varchar(1024),
    serial_number        varchar(128),
    signature            varchar(64),
    -- JSON array of the leaf's DNS names
    hosts                text,
    not_before           timestamp with time zone,
    expires_on           timestamp with time zone,
    leaf_pem             text,
    chain_pem            text,
    -- SHA-256 of the leaf's DER, lower-case hex
    fingerprint          char(64),
    uploaded_on          timestamp with time zone,
    constraint custom_hostnames_hostname_unique unique (hostname),
    -- No cascade: the database itself refuses to delete a CSR (or to pair a CSR with another key) while a hostname
    -- uses it. A composite key with a null member is not checked (MATCH SIMPLE), hence the check below.
    constraint custom_hostnames_csr_key foreign key (custom_csr_id, key_id) references custom_csrs (id, key_id),
    constraint custom_hostnames_csr_has_key check (custom_csr_id is null or key_id is not null),
    constraint custom_hostnames_certificate_has_key check (leaf_pem is null or key_id is not null)
);
create index custom_hostnames_zone_created on custom_hostnames (zone_id, created_at, id);
create index custom_hostnames_zone_hostname on custom_hostnames (zone_id, hostname);
create index custom_hostnames_csr on custom_hostnames (custom_csr_id);
create index custom_hostnames_key on custom_hostnames (key_id);
