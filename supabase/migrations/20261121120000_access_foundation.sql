-- Sites, people and who may do what where. Everything else in DeskOps hangs off a site, and
-- every policy asks the helpers defined here, so they come first.

create extension if not exists pg_trgm with schema extensions;

-- Helpers live in a schema PostgREST does not expose; policies call them.
create schema if not exists private;
grant usage on schema private to authenticated, anon, service_role;

-- Shared trigger: keep updated_at true without trusting clients.
create function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- True for a name Postgres knows as a time zone ('UTC', 'Asia/Manila'); used by a check.
-- Declared immutable so a check constraint may call it: the time zone database does not change
-- under a running server.
create function private.is_time_zone(name text) returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  perform now() at time zone name;
  return true;
exception when invalid_parameter_value then
  return false;
end
$$;

-- Sites ---------------------------------------------------------------------------------------
create table public.sites (
  id uuid primary key default gen_random_uuid(),
  code text not null unique
    constraint sites_code_length check (char_length(code) between 3 and 20)
    constraint sites_code_format check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
  name text not null constraint sites_name_length check (char_length(btrim(name)) between 1 and 100),
  location text constraint sites_location_length check (char_length(location) <= 200),
  region text constraint sites_region_length check (char_length(region) <= 100),
  timezone text not null default 'UTC' constraint sites_timezone_valid check (private.is_time_zone(timezone)),
  is_active boolean not null default true,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.sites is 'A hub or plant. Every operational row belongs to one site; "today" is taken in its timezone.';
create index sites_created_by_idx on public.sites (created_by);
create index sites_active_name_idx on public.sites (name) where is_active;
create trigger sites_set_updated_at before update on public.sites
  for each row execute function private.set_updated_at();

-- Profiles: one per auth user -----------------------------------------------------------------
create sequence public.profiles_ops_number_seq;

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  ops_id text not null unique constraint profiles_ops_id_format check (ops_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{2,19}$'),
  first_name text constraint profiles_first_name_length check (char_length(first_name) <= 100),
  last_name text constraint profiles_last_name_length check (char_length(last_name) <= 100),
  is_admin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'The DeskOps side of an auth user: operator id (ops_id), name, and whether they administer everything.';
create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

-- A profile for every new auth user, named from the sign-up metadata.
create function private.create_profile_for_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, ops_id, first_name, last_name)
  values (
    new.id,
    coalesce(
      nullif(new.raw_user_meta_data ->> 'ops_id', ''),
      'OPS-' || lpad(nextval('public.profiles_ops_number_seq')::text, 5, '0')
    ),
    new.raw_user_meta_data ->> 'first_name',
    new.raw_user_meta_data ->> 'last_name'
  );
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_profile_for_new_user();

-- Site membership -----------------------------------------------------------------------------
create table public.site_members (
  site_id uuid not null references public.sites (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null constraint site_members_role_valid check (role in ('manager', 'operator', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (site_id, user_id)
);
comment on table public.site_members is 'Who works at which site, as manager (edits and deletes anything there), operator (creates rows, edits own pending ones) or viewer (reads).';
create index site_members_user_id_idx on public.site_members (user_id);

-- Access helpers ------------------------------------------------------------------------------
-- security definer: they read site_members and profiles whatever those tables' own policies say,
-- which also keeps policies on those tables from recursing into themselves.
create function private.is_admin() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select p.is_admin from public.profiles p where p.id = (select auth.uid())), false)
$$;

create function private.site_ids_with_role(roles text[]) returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select case
    when private.is_admin() then array(select s.id from public.sites s)
    else array(
      select m.site_id from public.site_members m
      where m.user_id = (select auth.uid()) and m.role = any (roles)
    )
  end
$$;

-- Sites whose rows the caller may read: any membership, or all sites for an admin.
create function private.readable_site_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$ select private.site_ids_with_role(array['manager', 'operator', 'viewer']) $$;

-- Sites where the caller may create rows.
create function private.writable_site_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$ select private.site_ids_with_role(array['manager', 'operator']) $$;

-- Sites where the caller may change and delete any row.
create function private.managed_site_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$ select private.site_ids_with_role(array['manager']) $$;

-- Profiles the caller may see: their own and those of people at their sites.
create function private.visible_profile_ids() returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select case
    when private.is_admin() then array(select p.id from public.profiles p)
    else array(
      select (select auth.uid())
      union
      select m.user_id from public.site_members m where m.site_id = any (private.readable_site_ids())
    )
  end
$$;

revoke all on function private.is_admin(), private.site_ids_with_role(text[]), private.readable_site_ids(),
  private.writable_site_ids(), private.managed_site_ids(), private.visible_profile_ids() from public;
grant execute on function private.is_admin(), private.site_ids_with_role(text[]), private.readable_site_ids(),
  private.writable_site_ids(), private.managed_site_ids(), private.visible_profile_ids()
  to authenticated, service_role;

-- Only an admin (or the system) may make someone an admin.
create function private.guard_admin_flag() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.is_admin is distinct from old.is_admin
     and coalesce(auth.role(), '') = 'authenticated'
     and not private.is_admin() then
    raise exception 'Only an admin can change who is an admin' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger profiles_guard_admin_flag before update on public.profiles
  for each row execute function private.guard_admin_flag();

-- Policies ------------------------------------------------------------------------------------
alter table public.sites enable row level security;
-- The admin test comes first: the site list is computed before an insert, so a site an admin just
-- created would not be in it, and reading it back (insert ... returning) would fail.
create policy "Sites can be read by their members and admins" on public.sites
  for select to authenticated using ((select private.is_admin()) or id = any ((select private.readable_site_ids())::uuid[]));
create policy "Sites can be created by admins" on public.sites
  for insert to authenticated with check ((select private.is_admin()));
create policy "Sites can be changed by their managers and admins" on public.sites
  for update to authenticated
  using (id = any ((select private.managed_site_ids())::uuid[]))
  with check (id = any ((select private.managed_site_ids())::uuid[]));
create policy "Sites can be deleted by admins" on public.sites
  for delete to authenticated using ((select private.is_admin()));

alter table public.profiles enable row level security;
create policy "Profiles can be read by colleagues at the same site" on public.profiles
  for select to authenticated using (id = any ((select private.visible_profile_ids())::uuid[]));
create policy "Profiles can be changed by their owner and admins" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()))
  with check (id = (select auth.uid()) or (select private.is_admin()));
create policy "Profiles can be deleted by admins" on public.profiles
  for delete to authenticated using ((select private.is_admin()));

alter table public.site_members enable row level security;
create policy "Memberships can be read by members of the site" on public.site_members
  for select to authenticated using (site_id = any ((select private.readable_site_ids())::uuid[]));
create policy "Memberships can be created by the site's managers and admins" on public.site_members
  for insert to authenticated with check (site_id = any ((select private.managed_site_ids())::uuid[]));
create policy "Memberships can be changed by the site's managers and admins" on public.site_members
  for update to authenticated
  using (site_id = any ((select private.managed_site_ids())::uuid[]))
  with check (site_id = any ((select private.managed_site_ids())::uuid[]));
create policy "Memberships can be deleted by the site's managers and admins" on public.site_members
  for delete to authenticated using (site_id = any ((select private.managed_site_ids())::uuid[]));
