-- The raw layer: what the landing files said, typed, with personal data already replaced by
-- pseudonyms. Created idempotently at the start of every run; dbt reads it as sources.
create schema if not exists raw;

create table if not exists raw.run_log (
    run_id      bigint generated always as identity primary key,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    status      text not null default 'running',
    summary     jsonb
);
-- A run is the warehouse's run token (hrwh.runs): who runs it, until when its lease holds
-- between steps, the build schema it wrote and the fingerprint of the build its audit passed.
alter table raw.run_log add column if not exists owner text;
alter table raw.run_log add column if not exists lease_until timestamptz;
alter table raw.run_log add column if not exists build_schema text;
alter table raw.run_log add column if not exists audited_fingerprint text;
-- What shaped the run's build (hrwh.build_inputs): its code and settings, and its raw data. A
-- night whose inputs equal the last published run's skips its build (status 'unchanged').
alter table raw.run_log add column if not exists code_fingerprint text;
alter table raw.run_log add column if not exists data_fingerprint text;
-- The newest load the run's build saw: the next incremental build takes the loads after it.
alter table raw.run_log add column if not exists last_load_id bigint;
alter table raw.run_log drop constraint if exists run_log_status_check;
alter table raw.run_log add constraint run_log_status_check
    check (status in ('running', 'ingested', 'published', 'unchanged', 'failed', 'abandoned'));
-- At most one run works on the warehouse at a time.
create unique index if not exists run_log_one_running
    on raw.run_log ((true)) where status = 'running';

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
    status           text not null,
    reason           text,
    loaded_at        timestamptz not null default now()
);
-- 'held' (a payroll delivery stopped by the delivery gate) came later: (re)state the check.
alter table raw.load_ledger drop constraint if exists load_ledger_status_check;
alter table raw.load_ledger add constraint load_ledger_status_check
    check (status in ('loaded', 'superseded', 'skipped_duplicate', 'rejected', 'held'));
-- Every line of a loaded file is accounted for:
-- lines_total = 1 (header) + lines_loaded + lines_set_aside + lines_blank.
alter table raw.load_ledger add column if not exists lines_total integer;
alter table raw.load_ledger add column if not exists lines_loaded integer;
alter table raw.load_ledger add column if not exists lines_set_aside integer;
alter table raw.load_ledger add column if not exists lines_blank integer;
create index if not exists load_ledger_sha256 on raw.load_ledger (sha256);
-- At most one delivery of a source's period is live at a time.
create unique index if not exists load_ledger_one_live_period
    on raw.load_ledger (source, period) where status = 'loaded';

create table if not exists raw.hr_payroll (
    load_id             bigint not null,
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
-- load_id is no foreign key to raw.load_ledger (it was): checked row by row it halved the speed
-- of COPY. The loader writes a file's rows under the ledger row it inserted in the same
-- transaction and checks that row once per file (hrwh.ingest.loader); nothing deletes ledger
-- rows.
alter table raw.hr_payroll drop constraint if exists hr_payroll_load_id_fkey;
-- Pseudonym of the work e-mail address the city gives a name (fornamn.efternamn@stockholm.se),
-- so that survey respondents and reporting managers link to their employments.
alter table raw.hr_payroll add column if not exists email_key text;

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

-- Consultant counts (consultants/konsulter_YYYY-MM-DD.csv|xlsx): one row per manager's answer.
-- The manager's e-mail address is stored only as its pseudonym; the free-text comment goes to
-- restricted.consultant_comments.
create table if not exists raw.consultant_reports (
    load_id           bigint not null references raw.load_ledger (load_id),
    line_no           integer not null,
    matdatum          date not null,
    forvaltning       text not null,
    enhet             text not null,
    verksamhetsomrade text,
    antal_konsulter   integer,
    reporter_key      text,
    inskickad         timestamp not null,
    primary key (load_id, line_no)
);

-- Staff survey (survey/enkat_YYYY-MM.csv|xlsx): one row per respondent. The e-mail address is
-- stored only as its pseudonym; the survey tool's RespondentID is not stored; the free-text
-- answers go to restricted.survey_comments.
create table if not exists raw.survey_responses (
    load_id           bigint not null references raw.load_ledger (load_id),
    line_no           integer not null,
    survey_round      text not null,
    respondent_key    text not null,
    forvaltning       text not null,
    enhet             text not null,
    verksamhetsomrade text not null,
    befattning        text not null,
    svar_1            text,
    svar_2            text,
    svar_3            text,
    inskickad         timestamp not null,
    primary key (load_id, line_no)
);

-- Free text lives here only: readable by no reporting role except a unit manager, for their
-- own units, through the row-level-secured models dbt builds in this schema.
create schema if not exists restricted;

create table if not exists restricted.survey_comments (
    load_id        bigint not null references raw.load_ledger (load_id),
    line_no        integer not null,
    survey_round   text not null,
    respondent_key text not null,
    forvaltning    text not null,
    enhet          text not null,
    question       text not null,
    comment        text not null,
    primary key (load_id, line_no, question)
);

create table if not exists restricted.consultant_comments (
    load_id      bigint not null references raw.load_ledger (load_id),
    line_no      integer not null,
    matdatum     date not null,
    forvaltning  text not null,
    enhet        text not null,
    reporter_key text,
    comment      text not null,
    primary key (load_id, line_no)
);

-- Held deliveries a person accepted past the delivery gate (`hrwh accept`), by content: a file
-- changed after it was accepted is judged afresh.
create table if not exists raw.accepted_deliveries (
    source      text not null,
    file_name   text not null,
    sha256      text not null,
    accepted_at timestamptz not null default now(),
    primary key (source, file_name, sha256)
);

-- Which units each unit manager's login reads in schema restricted (row-level security of the
-- unit-level survey tables): maintained with `hrwh login create NAME --role unit_manager
-- --unit ADMINISTRATION/UNIT`. dbt's on-run-start grants it to unit_manager and secures it so
-- that a login sees only its own rows. (Built by a dbt seed before; the seed's table is kept.)
create table if not exists restricted.unit_manager_units (
    login          text not null,
    administration text not null,
    unit           text not null
);
create unique index if not exists unit_manager_units_one_row
    on restricted.unit_manager_units (login, administration, unit);
