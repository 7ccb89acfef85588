-- Custom certificates of a zone (Cloudflare's /zones/{zone_id}/custom_certificates). Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL. The private key is a sealed key like any other: the CSR's key when the
-- certificate was uploaded for a custom CSR, else the key uploaded with it (owned by this row alone).
create table custom_certificates (
    id               char(36)     not null primary key,
    zone_id          char(32)     not null references zones (id),
    -- null for a certificate uploaded with its private key
    custom_csr_id    char(36),
    key_id           char(36)     not null references sealed_keys (id),
    type             varchar(16)  not null,
    bundle_method    varchar(16)  not null,
    priority         integer      not null default 20,
    -- JSON array of the leaf's DNS names, in certificate order
    hosts            text         not null,
    issuer           varchar(1024) not null,
    serial_number    varchar(64)  not null,
    signature        varchar(32)  not null,
    key_type         varchar(16)  not null,
    -- SHA-256 (hex) of the leaf's DER
    fingerprint      char(64)     not null,
    not_before       timestamp with time zone not null,
    expires_on       timestamp with time zone not null,
    leaf_pem         text         not null,
    -- the chain served with the leaf, chosen by bundle_method at upload: leaf first, never the root
    served_chain_pem text         not null,
    geo_restrictions varchar(32),
    policy           varchar(1024),
    uploaded_on      timestamp with time zone not null,
    modified_on      timestamp with time zone not null,
    constraint custom_certificates_priority_check check (priority >= 0),
    constraint custom_certificates_type_check check (type in ('legacy_custom', 'sni_custom')),
    constraint custom_certificates_fingerprint_unique unique (zone_id, fingerprint),
    -- NOTE: no cascade: the database itself refuses to delete a CSR (or its key) while a certificate uses the key
    constraint custom_certificates_csr_key_fk foreign key (custom_csr_id, key_id) references custom_csrs (id, key_id)
);
create index custom_certificates_zone_list on custom_certificates (zone_id, priority, uploaded_on, id);
create index custom_certificates_csr on custom_certificates (custom_csr_id);
create index custom_certificates_key on custom_certificates (key_id);
