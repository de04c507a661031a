#!/usr/bin/env bash
# First start of the team server's PostgreSQL (docker-compose.yaml): one login and one database
# for each user of the server, so that none of them works as the superuser.
#   airflow          owns database airflow   (Airflow's metadata)
#   hrwh             owns database hrwh      (the warehouse; CREATEROLE: the dbt build creates
#                                             the reading roles hr_analyst and unit_manager)
#   metabase         owns database metabase  (Metabase's own application data)
#   metabase_reader  reads the warehouse as a member of bi_reader (schema marts only)
# The official postgres image runs this once, when the data volume is empty; the passwords come
# from .env through the service's environment. psql's :'name' quoting keeps any password intact.
set -euo pipefail

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v airflow_password="$AIRFLOW_DB_PASSWORD" \
    -v hrwh_password="$HRWH_DB_PASSWORD" \
    -v metabase_password="$METABASE_DB_PASSWORD" \
    -v reader_password="$METABASE_READER_PASSWORD" <<'SQL'
create role airflow login password :'airflow_password';
create database airflow owner airflow;
revoke all on database airflow from public;

create role hrwh login createrole password :'hrwh_password';
create database hrwh owner hrwh;

create role metabase login password :'metabase_password';
create database metabase owner metabase;
revoke all on database metabase from public;

-- The warehouse's build creates bi_reader when it is missing; the Metabase login needs it now.
do $$
begin
    if not exists (select from pg_roles where rolname = 'bi_reader') then
        create role bi_reader nologin;
    end if;
end
$$;
create role metabase_reader login password :'reader_password' in role bi_reader;
SQL
