-- One check value per KEK version: AES-256 of a fixed block under that KEK (a key check value, as HSMs and payment
-- systems use), written by the first node that starts with the version. A node whose keystore holds a different KEK
-- under the same version refuses to start instead of sealing keys the other nodes cannot open.
create table kek_checks (
    kek_version integer     not null primary key,
    check_value char(32)    not null,
    created_at  timestamp with time zone not null
);
