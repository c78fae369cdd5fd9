-- The catalogue: lookup tables the logs refer to. Clusters, processors, materials and manpower
-- roles are shared by all sites; equipment belongs to a site.

create table public.clusters (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint clusters_name_length check (char_length(btrim(name)) between 1 and 100),
  region text not null constraint clusters_region_length check (char_length(btrim(region)) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clusters_name_region_key unique (name, region)
);
comment on table public.clusters is 'Dispatch origins (seed 000''s clusters), searched by name within a region.';
create index clusters_region_name_idx on public.clusters (region, name);
create index clusters_name_trgm_idx on public.clusters using gin (name extensions.gin_trgm_ops);
create trigger clusters_set_updated_at before update on public.clusters
  for each row execute function private.set_updated_at();

create table public.processors (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint processors_name_length check (char_length(btrim(name)) between 1 and 100),
  region text not null constraint processors_region_length check (char_length(btrim(region)) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint processors_name_region_key unique (name, region)
);
comment on table public.processors is 'Dispatch destinations (seed 000''s processors), searched by name.';
create index processors_region_name_idx on public.processors (region, name);
create index processors_name_trgm_idx on public.processors using gin (name extensions.gin_trgm_ops);
create trigger processors_set_updated_at before update on public.processors
  for each row execute function private.set_updated_at();

create table public.materials (
  id uuid primary key default gen_random_uuid(),
  code text not null unique constraint materials_code_format check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,29}$'),
  name text not null constraint materials_name_length check (char_length(btrim(name)) between 1 and 100),
  category text not null constraint materials_category_valid check (category in ('input', 'product', 'byproduct', 'residue')),
  uom text not null default 'ton' constraint materials_uom_valid check (uom = 'ton'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.materials is 'What is produced, received, dispatched and stocked; quantities are tonnes.';
create index materials_category_idx on public.materials (category);
create trigger materials_set_updated_at before update on public.materials
  for each row execute function private.set_updated_at();

create table public.manpower_roles (
  id uuid primary key default gen_random_uuid(),
  code text not null unique constraint manpower_roles_code_format check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,29}$'),
  name text not null constraint manpower_roles_name_length check (char_length(btrim(name)) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.manpower_roles is 'Job roles counted in manpower logs (operator, helper, driver, ...).';
create trigger manpower_roles_set_updated_at before update on public.manpower_roles
  for each row execute function private.set_updated_at();

create table public.equipment (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  code text not null constraint equipment_code_format check (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,29}$'),
  name text not null constraint equipment_name_length check (char_length(btrim(name)) between 1 and 100),
  type text not null constraint equipment_type_length check (char_length(btrim(type)) between 1 and 50),
  hours_available_per_day numeric(4, 2) not null default 20
    constraint equipment_hours_available_range check (hours_available_per_day > 0 and hours_available_per_day <= 24),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint equipment_site_code_key unique (site_id, code),
  -- Lets equipment logs require that the machine belongs to the log's site.
  constraint equipment_id_site_key unique (id, site_id)
);
comment on table public.equipment is 'Machines of a site; hours_available_per_day is the denominator of utilisation.';
create trigger equipment_set_updated_at before update on public.equipment
  for each row execute function private.set_updated_at();

-- Policies: shared lookups are read by every signed-in user and changed by admins; equipment
-- follows its site.
create function private.install_lookup_policies(target regclass, label text) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('alter table %s enable row level security', target);
  execute format('create policy %I on %s for select to authenticated using (true)', label || ' can be read by signed-in users', target);
  execute format('create policy %I on %s for insert to authenticated with check ((select private.is_admin()))', label || ' can be created by admins', target);
  execute format('create policy %I on %s for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()))', label || ' can be changed by admins', target);
  execute format('create policy %I on %s for delete to authenticated using ((select private.is_admin()))', label || ' can be deleted by admins', target);
end
$$;

select private.install_lookup_policies('public.clusters', 'Clusters');
select private.install_lookup_policies('public.processors', 'Processors');
select private.install_lookup_policies('public.materials', 'Materials');
select private.install_lookup_policies('public.manpower_roles', 'Manpower roles');

alter table public.equipment enable row level security;
create policy "Equipment can be read by members of its site" on public.equipment
  for select to authenticated using (site_id = any ((select private.readable_site_ids())::uuid[]));
create policy "Equipment can be added by the site's managers and admins" on public.equipment
  for insert to authenticated with check (site_id = any ((select private.managed_site_ids())::uuid[]));
create policy "Equipment can be changed by the site's managers and admins" on public.equipment
  for update to authenticated
  using (site_id = any ((select private.managed_site_ids())::uuid[]))
  with check (site_id = any ((select private.managed_site_ids())::uuid[]));
create policy "Equipment can be deleted by the site's managers and admins" on public.equipment
  for delete to authenticated using (site_id = any ((select private.managed_site_ids())::uuid[]));
