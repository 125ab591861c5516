#!/bin/sh
# Runs once, when the PostgreSQL volume is empty: one database owned by one role per service, and one for Keycloak.
# The passwords come from the container's environment (.env), never from this file.
set -eu
create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$1" -v password="$2" <<'SQL'
create role :"name" login password :'password';
create database :"name" owner :"name";
revoke all on database :"name" from public;
SQL
}
create keycloak "$KEYCLOAK_DB_PASSWORD"
create recommendations "$RECOMMENDATIONS_DB_PASSWORD"
create indicators "$INDICATORS_DB_PASSWORD"
create reporting "$REPORTING_DB_PASSWORD"
