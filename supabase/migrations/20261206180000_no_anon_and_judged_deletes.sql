-- Two holes issue 16 found in what a caller without a session, or of another site, could reach.

-- 1. anon has no business with DeskOps's data: every page and route needs a session, and sign-in
-- goes to the auth server, not PostgREST. Supabase grants anon everything in public by default
-- (RLS then hides the rows); here anon is refused outright, for what exists and, for tables and
-- sequences, what comes later. Postgres itself grants EXECUTE on every new function to PUBLIC, in
-- whatever schema: a migration revokes it (tests/integration/db-access-matrix.test.ts checks).
revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
revoke execute on all functions in schema public from anon, public;
alter default privileges for role postgres in schema public revoke all on tables from anon;
alter default privileges for role postgres in schema public revoke all on sequences from anon;
alter default privileges for role postgres in schema public revoke execute on functions from anon;

-- 2. A delete's old row travels whole in the replication stream, so Realtime can judge who may
-- see that it happened (the select policies, on the old row) instead of telling every
-- subscriber, another site's and the anon key's included. Clients still receive only the
-- primary key of the old row, as from Supabase. (Hosted Supabase Realtime sends every delete to
-- every subscriber of the table; SECURITY.md says so.)
alter table public.dispatches replica identity full;
alter table public.production replica identity full;
alter table public.received_materials replica identity full;
alter table public.equipment_logs replica identity full;
alter table public.manpower_logs replica identity full;
alter table public.inventory_entries replica identity full;
alter table public.export_jobs replica identity full;
