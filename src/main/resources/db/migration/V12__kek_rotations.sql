-- KEK rotation (`java -jar keyhold.jar kek rotate`): one row per rotation, keyed by the KEK version it re-seals every
-- local key under. A row without completed_at is a rotation in progress: running the command again resumes it
-- instead of adding yet another KEK, and the primary key stops two runs from starting two rotations at once.
create table kek_rotations (
    kek_version  integer                  not null primary key,
    started_at   timestamp with time zone not null,
    completed_at timestamp with time zone
);
-- the rotation reads the keys still sealed under an older KEK, a batch at a time
create index sealed_keys_kek_version on sealed_keys (kek_version);
