-- Expiry alerts: per-account webhooks, the notifications the checker raised, and one delivery per (notification,
-- webhook). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
create table webhooks (
    id         char(36)      not null primary key,
    account_id char(32)      not null references accounts (id) on delete cascade,
    name       varchar(255)  not null,
    url        varchar(2048) not null,
    -- the HMAC-SHA256 signing secret; never returned by the API or logged
    secret     varchar(1024) not null,
    created_at timestamp with time zone not null,
    last_success timestamp with time zone,
    last_failure timestamp with time zone
);
create index webhooks_account on webhooks (account_id, created_at, id);

-- One row per (certificate, threshold, expiry) across all nodes: the checker of every node inserts with
-- "on conflict do nothing" and only the node whose insert counts creates the deliveries. A renewal changes the
-- effective expiry, so the renewed certificate is notified again. No foreign key to custom_certificates: the history
-- outlives a deleted certificate.
create table expiry_notifications (
    id             char(36)     not null primary key,
    account_id     char(32)     not null references accounts (id) on delete cascade,
    zone_id        char(32)     not null,
    certificate_id char(36)     not null,
    threshold_days integer      not null,
    -- the earliest notAfter of the served chain and which certificate has it
    expires_on     timestamp with time zone not null,
    element        varchar(16)  not null,
    subject        varchar(1024) not null,
    -- the JSON body every webhook of the account receives
    payload        text         not null,
    created_at     timestamp with time zone not null,
    constraint expiry_notifications_once unique (certificate_id, threshold_days, expires_on),
    constraint expiry_notifications_element check (element in ('leaf', 'intermediate'))
);
create index expiry_notifications_account on expiry_notifications (account_id, created_at);

create table webhook_deliveries (
    id              char(36)     not null primary key,
    webhook_id      char(36)     not null references webhooks (id) on delete cascade,
    notification_id char(36)     not null references expiry_notifications (id) on delete cascade,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    last_status     integer,
    last_error      varchar(1024),
    -- when the next attempt is due; while an attempt runs, the end of its lease (another node retries after it)
    next_attempt_at timestamp with time zone,
    created_at      timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    constraint webhook_deliveries_once unique (webhook_id, notification_id),
    constraint webhook_deliveries_status check (status in ('pending', 'delivered', 'failed'))
);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at, id);
