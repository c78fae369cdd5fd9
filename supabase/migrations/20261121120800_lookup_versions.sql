-- The app caches the shared catalogue (Next.js data cache, one tag per lookup). A cached copy is
-- keyed by its table's version, kept here by statement triggers, so any change (through the app,
-- the SQL editor, Studio or a migration) shows on the next request, on every server instance,
-- with no webhook to deliver and nothing to lose. A version is a fresh uuid, not a counter: the
-- app's cache can outlive a database (a reset, a restore, another project), and a counter starting
-- again would find the old database's entries under the same key.
create table private.lookup_versions (
  kind text primary key,
  version uuid not null default gen_random_uuid(),
  changed_at timestamptz not null default now()
);
comment on table private.lookup_versions is 'One version per cached lookup, renewed by every statement that changes its table.';
insert into private.lookup_versions (kind) values ('clusters'), ('processors'), ('materials'), ('manpower-roles');

-- security definer: whoever changes the catalogue (admins) bumps the counter, which nobody may
-- write directly.
create function private.bump_lookup_version() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update private.lookup_versions set version = gen_random_uuid(), changed_at = now() where kind = tg_argv[0];
  return null;
end
$$;

create trigger clusters_bump_lookup_version after insert or update or delete or truncate on public.clusters
  for each statement execute function private.bump_lookup_version('clusters');
create trigger processors_bump_lookup_version after insert or update or delete or truncate on public.processors
  for each statement execute function private.bump_lookup_version('processors');
create trigger materials_bump_lookup_version after insert or update or delete or truncate on public.materials
  for each statement execute function private.bump_lookup_version('materials');
create trigger manpower_roles_bump_lookup_version after insert or update or delete or truncate on public.manpower_roles
  for each statement execute function private.bump_lookup_version('manpower-roles');

create function public.lookup_version(kind text) returns uuid
language sql stable security definer
set search_path = ''
as $$
  select v.version from private.lookup_versions v where v.kind = lookup_version.kind
$$;
comment on function public.lookup_version(text) is 'The current version of a cached lookup (clusters, processors, materials, manpower-roles); null for any other name.';
revoke execute on function public.lookup_version(text) from anon, public;
grant execute on function public.lookup_version(text) to authenticated, service_role;
revoke execute on function private.bump_lookup_version() from anon, public;
