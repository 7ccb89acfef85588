-- The key pool: keys generated ahead of demand are ordinary sealed keys marked pooled until create() claims one.
-- A pooled key belongs to no CSR or certificate and is invisible to find(), signer() and destroy().
alter table sealed_keys add column pooled boolean not null default false;
-- the claim looks up the oldest pooled key of a type; pooled keys are few, so this stays small and hot
create index sealed_keys_pool on sealed_keys (pooled, key_type, created_at);
