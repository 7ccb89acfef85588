-- Certificates and custom hostnames that use a custom CSR reference the pair (CSR, key) so the database itself
-- guarantees that a certificate's key is its CSR's key and that neither can be deleted while in use.
alter table custom_csrs add constraint custom_csrs_id_key_unique unique (id, key_id);
