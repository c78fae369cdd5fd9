-- What the Supabase platform provides before any migration runs, and nothing more, so that
-- supabase/migrations and supabase/seed.sql run unchanged here and on Supabase.
-- Idempotent: it runs at every start of the stack.

-- Roles --------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    -- PostgREST logs in as authenticator and switches to the JWT's role.
    create role authenticator login noinherit password 'postgres';
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
    create role supabase_storage_admin nologin noinherit;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
-- Supabase's postgres role can act as the API roles (migrations use `set role`, tests too).
grant anon, authenticated, service_role to postgres;

-- Schemas and extensions ---------------------------------------------------------------------
create schema if not exists extensions;
create schema if not exists auth;
create schema if not exists storage;
grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema storage to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

-- Tables, functions and sequences created in public by postgres are reachable by the API roles
-- (RLS decides which rows), as on Supabase.
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;

-- JWT helpers, as Supabase defines them -------------------------------------------------------
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role(), auth.email()
  to anon, authenticated, service_role;

-- The auth tables the local auth server uses, with GoTrue's columns --------------------------
do $$
begin
  if not exists (select 1 from pg_type where typname = 'aal_level' and typnamespace = 'auth'::regnamespace) then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
end
$$;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status between 0 and 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;
create index if not exists users_instance_id_email_idx on auth.users (instance_id, lower(email));

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

-- Realtime ------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- PostgREST reloads its schema cache after DDL, as Supabase's event triggers arrange ---------
create or replace function extensions.pgrst_ddl_watch() returns event_trigger
language plpgsql
as $$
begin
  notify pgrst, 'reload schema';
end
$$;

do $$
begin
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_ddl_watch') then
    create event trigger pgrst_ddl_watch on ddl_command_end execute procedure extensions.pgrst_ddl_watch();
  end if;
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_drop_watch') then
    create event trigger pgrst_drop_watch on sql_drop execute procedure extensions.pgrst_ddl_watch();
  end if;
end
$$;

-- Migration history, as the Supabase CLI records it ------------------------------------------
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- Storage ------------------------------------------------------------------------------------
-- The columns of Supabase Storage's tables that the local storage server uses.
create table if not exists storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  owner_id text,
  public boolean not null default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  constraint objects_bucket_id_name_key unique (bucket_id, name)
);
create index if not exists objects_bucket_id_name_idx on storage.objects (bucket_id, name text_pattern_ops);

-- As on Supabase: RLS on, no policies; projects add their own in migrations.
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

create or replace function storage.foldername(name text) returns text[]
language sql immutable as $$ select (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1] $$;
create or replace function storage.filename(name text) returns text
language sql immutable as $$ select (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)] $$;
create or replace function storage.extension(name text) returns text
language sql immutable as $$ select reverse(split_part(reverse(name), '.', 1)) $$;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text) to anon, authenticated, service_role;

-- Role settings, as a Supabase project has them -----------------------------------------------
-- Statement timeouts (PostgREST applies the impersonated role's settings per request): a query
-- that would be cancelled on Supabase is cancelled here too. The realtime server and migrations
-- connect as postgres and switch roles with set_config, which role settings do not follow.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';

-- Extensions live in `extensions`, on every role's search_path, so unqualified gen_salt(),
-- crypt() and uuid_generate_v4() resolve in migrations and seeds as they do on Supabase.
do $$
begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end
$$;
set search_path = "$user", public, extensions;

-- Realtime: broadcast from the database and channel authorization, as Supabase defines them ----
-- realtime.messages is what realtime.send() writes and what private channels are authorized
-- against (RLS policies a project writes on it decide who may receive and send on a topic).
-- Supabase partitions it by day; one table is enough here.
create schema if not exists realtime;
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
create index if not exists messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;
grant usage on schema realtime to anon, authenticated, service_role;
grant insert, select, update on table realtime.messages to anon, authenticated, service_role;

-- The channel being authorized or sent to, inside RLS policies on realtime.messages.
create or replace function realtime.topic() returns text
language sql stable
as $$ select nullif(current_setting('realtime.topic', true), '')::text $$;

-- Queues a broadcast: the realtime server delivers it to the topic's subscribers. Never fails
-- the caller's transaction (a warning instead), as on Supabase.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, case when payload ? 'id' then payload else jsonb_set(payload, '{id}', to_jsonb(generated_id)) end,
            event, topic, private, 'broadcast');
  exception when others then
    raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end
$$;

-- For row triggers: broadcasts { old_record, record, operation, table, schema } to the topic.
create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
as $$
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    perform realtime.send(
      jsonb_build_object('old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema),
      event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception when others then
  raise exception 'Failed to process the row: %', sqlerrm;
end
$$;
grant execute on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
  realtime.broadcast_changes(text, text, text, text, text, record, record, text) to anon, authenticated, service_role;

-- The local realtime server reads realtime.messages inserts from this publication (Supabase's
-- Realtime has its own of the same name).
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime_messages_publication') then
    create publication supabase_realtime_messages_publication for table realtime.messages with (publish = 'insert');
  end if;
end
$$;

-- postgres_changes under RLS, judged on the change itself -----------------------------------------
-- The local realtime server does not look the changed row up in its table (the commit reaches the
-- replication stream a moment before new snapshots see it, and the row may already be gone): it
-- evaluates the select policies that apply to each subscriber's role on the row as committed.

-- The select policies of `target` that apply to `role_name`, as one boolean expression over a
-- row named like the table: permissive ones or'ed, restrictive ones and'ed; false without any.
create or replace function realtime.local_select_rule(target regclass, role_name text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  permissive text;
  restrictive text;
begin
  if not pg_catalog.has_table_privilege(role_name, target, 'SELECT') then
    return 'false';
  end if;
  if not (select c.relrowsecurity from pg_catalog.pg_class c where c.oid = target)
     or (select r.rolbypassrls or r.rolsuper from pg_catalog.pg_roles r where r.rolname = role_name) then
    return 'true';
  end if;
  select string_agg('(' || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), 'true') || ')', ' or ') filter (where p.polpermissive),
         string_agg('(' || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), 'true') || ')', ' and ') filter (where not p.polpermissive)
    into permissive, restrictive
    from pg_catalog.pg_policy p
   where p.polrelid = target and p.polcmd in ('r', '*')
     and (p.polroles = '{0}' or exists (select 1 from unnest(p.polroles) as r(oid) where pg_catalog.pg_has_role(role_name, r.oid, 'MEMBER')));
  return format('(%s) and (%s)', coalesce(permissive, 'false'), coalesce(restrictive, 'true'));
end
$$;

-- One change: the new and old rows as JSON (Postgres's own rendering of each column's type, from
-- the text the replication stream carries) and, for each subscriber (their JWT claims), whether
-- their role may select the new row, or for a delete the old one (whole with REPLICA IDENTITY
-- FULL; a delete whose old row carries only its key passes no policy that reads other columns).
-- One round trip for every subscriber of a change.
create or replace function realtime.local_apply(target regclass, columns jsonb, old_columns jsonb, subscribers jsonb[])
returns table (record jsonb, old_record jsonb, visible boolean[])
language plpgsql
as $$
declare
  statements jsonb := '{}';
  statement_name text;
  rule text;
  role_name text;
  subscriber jsonb;
  allowed boolean;
  row_alias text := (select c.relname from pg_catalog.pg_class c where c.oid = target);
  judged jsonb;
begin
  if columns is not null then
    execute format('select to_jsonb(jsonb_populate_record(null::%s, $1))', target) into record using columns;
  end if;
  if old_columns is not null then
    execute format('select to_jsonb(jsonb_populate_record(null::%s, $1))', target) into old_record using old_columns;
    -- What Supabase sends of the old row: the columns the replica identity carries; on a table
    -- with RLS, only the primary key (the old row is never judged).
    select coalesce(jsonb_object_agg(e.key, e.value), '{}') into old_record
      from jsonb_each(old_record) e
     where old_columns ? e.key
       and (not (select c.relrowsecurity from pg_catalog.pg_class c where c.oid = target)
            or e.key in (select a.attname from pg_catalog.pg_index i
                           join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
                          where i.indrelid = target and i.indisprimary));
  end if;
  visible := '{}';
  judged := coalesce(columns, old_columns);
  if judged is null then
    return next;
    return;
  end if;
  foreach subscriber in array subscribers loop
    role_name := subscriber ->> 'role';
    if not statements ? role_name then
      -- One prepared statement per table, role and rule text, kept by the connection: a changed
      -- policy makes a new name, so an old plan is never used.
      rule := realtime.local_select_rule(target, role_name);
      statement_name := 'local_rls_' || md5(target::text || '/' || role_name || '/' || rule);
      if not exists (select 1 from pg_catalog.pg_prepared_statements p where p.name = statement_name) then
        execute format('prepare %I (jsonb) as select %s from jsonb_populate_record(null::%s, $1) as %I', statement_name, rule, target, row_alias);
      end if;
      statements := statements || jsonb_build_object(role_name, statement_name);
    end if;
    perform set_config('role', role_name, true);
    perform set_config('request.jwt.claims', subscriber::text, true);
    execute format('execute %I (%L)', statements ->> role_name, judged) into allowed;
    perform set_config('role', 'none', true);
    visible := visible || coalesce(allowed, false);
  end loop;
  return next;
end
$$;
drop function if exists realtime.local_apply(regclass, jsonb, jsonb[]);
revoke all on function realtime.local_select_rule(regclass, text), realtime.local_apply(regclass, jsonb, jsonb, jsonb[]) from public;
drop function if exists realtime.visible_to(regclass, text, jsonb[]);

-- Auth: PKCE flow state and the authentication methods of a session, as GoTrue keeps them ---------
create table if not exists auth.flow_state (
  id uuid primary key,
  user_id uuid,
  auth_code text not null,
  code_challenge_method text not null,
  code_challenge text not null,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz
);
create index if not exists flow_state_auth_code_idx on auth.flow_state (auth_code);
create index if not exists flow_state_user_method_idx on auth.flow_state (user_id, authentication_method);

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid primary key default gen_random_uuid(),
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);
