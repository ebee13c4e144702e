#!/bin/sh
# Run once by the postgres image on a new data directory: the services' three roles, none a
# superuser nor allowed to bypass row-level security. `crm` creates and owns their databases
# and runs the migrations, which grant `crm_app` — what the apis connect as — and
# `crm_system` — what the workers connect as — the reading and writing of rows only
# (crm_common.db.roles): the running services cannot turn row-level security off or drop the
# audit trigger, and only `crm_system` may act across tenants (sweeps, the relay, consumers).
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
  -v pw="$CRM_PG_PASSWORD" -v app_pw="$CRM_PG_APP_PASSWORD" \
  -v system_pw="$CRM_PG_SYSTEM_PASSWORD" <<'SQL'
CREATE ROLE crm LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS PASSWORD :'pw';
CREATE ROLE crm_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
CREATE ROLE crm_system LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'system_pw';
SQL
