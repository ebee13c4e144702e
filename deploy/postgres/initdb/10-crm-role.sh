#!/bin/sh
# Run once by the postgres image on a new data directory: the role the services connect as.
# It creates and owns their databases but is no superuser and may not bypass row-level
# security, so the tenant policies of the services' tables hold for it.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -v pw="$CRM_PG_PASSWORD" <<'SQL'
CREATE ROLE crm LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS PASSWORD :'pw';
SQL
