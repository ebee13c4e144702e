#!/bin/sh
# Run once by the postgres image on a new data directory: the services' two roles, neither a
# superuser nor allowed to bypass row-level security. `crm` creates and owns their databases
# and runs the migrations, which grant `crm_app` — what the api and worker connect as — the
# reading and writing of rows only (crm_common.db.roles): the running services cannot turn
# row-level security off or drop the audit trigger.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
  -v pw="$CRM_PG_PASSWORD" -v app_pw="$CRM_PG_APP_PASSWORD" <<'SQL'
CREATE ROLE crm LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS PASSWORD :'pw';
CREATE ROLE crm_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
SQL
