-- The raw layer: what the landing files said, typed, with personal data already replaced by
-- pseudonyms. Created idempotently at the start of every run; dbt reads it as sources.
create schema if not exists raw;

create table if not exists raw.run_log (
    run_id      bigint generated always as identity primary key,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    status      text not null default 'running'
        check (status in ('running', 'published', 'failed')),
    summary     jsonb
);

create table if not exists raw.load_ledger (
    load_id          bigint generated always as identity primary key,
    run_id           bigint references raw.run_log (run_id),
    source           text not null,
    file_name        text not null,
    period           text,
    sha256           text not null,
    encoding         text,
    delimiter        text,
    rows_loaded      integer not null default 0,
    rows_quarantined integer not null default 0,
    status           text not null
        check (status in ('loaded', 'superseded', 'skipped_duplicate', 'rejected')),
    reason           text,
    loaded_at        timestamptz not null default now()
);
create index if not exists load_ledger_sha256 on raw.load_ledger (sha256);
-- At most one delivery of a source's period is live at a time.
create unique index if not exists load_ledger_one_live_period
    on raw.load_ledger (source, period) where status = 'loaded';

create table if not exists raw.hr_payroll (
    load_id             bigint not null references raw.load_ledger (load_id),
    line_no             integer not null,
    period              text not null,
    anstallnings_id     text not null,
    person_key          text not null,
    forvaltning         text not null,
    enhet               text,
    verksamhetsomrade   text,
    befattning          text,
    anstallningsform    text,
    loneform            text,
    avtal               text,
    vilande             text,
    sysselsattningsgrad numeric,
    manadslon           numeric,
    anstalld_from       date,
    anstalld_tom        date,
    avgangsorsak        text,
    primary key (load_id, line_no)
);
create index if not exists hr_payroll_period on raw.hr_payroll (period);

create table if not exists raw.quarantine (
    load_id bigint not null references raw.load_ledger (load_id),
    line_no integer not null,
    reason  text not null,
    primary key (load_id, line_no)
);

-- A fingerprint of the pseudonym key (never the key): a run with another key is refused.
create table if not exists raw.pseudonym_key (
    fingerprint   text primary key,
    first_used_at timestamptz not null default now()
);
