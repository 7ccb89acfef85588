-- Keys held on a PKCS#11 token (keyhold.keys.backend=pkcs11) are rows of sealed_keys too, so every reference to a
-- key (custom_csrs.key_id, ...) and the pool's claim work alike for both backends. Such a row keeps the public key,
-- the type and the pool flag, and no secret: the private key is a sensitive, non-extractable token object whose
-- CKA_ID is the row id. `backend` says where the private half is; `sealed` and `kek_version` are for local keys only.
alter table sealed_keys add column backend varchar(16) not null default 'local';
alter table sealed_keys alter column sealed drop not null;
alter table sealed_keys alter column kek_version drop not null;
alter table sealed_keys add constraint sealed_keys_backend check (
    (backend = 'local' and sealed is not null and kek_version is not null)
    or (backend = 'pkcs11' and sealed is null and kek_version is null));
