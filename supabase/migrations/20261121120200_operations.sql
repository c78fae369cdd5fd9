-- The operational logs: dispatches, production, received material, equipment hours, manpower and
-- inventory entries; with the audit log and the Google Sheets outbox that every write feeds, in
-- the same transaction. batch_id + row_no make a bulk submit idempotent (see batch_insert).

-- Audit log and outbox first: the triggers below write into them -------------------------------
create table public.audit_log (
  id bigint generated always as identity primary key,
  table_name text not null,
  row_id uuid not null,
  site_id uuid,
  action text not null constraint audit_log_action_valid check (action in ('insert', 'update', 'delete')),
  actor_id uuid default auth.uid(),
  at timestamptz not null default now(),
  old_row jsonb,
  new_row jsonb,
  constraint audit_log_rows_match_action check (
    (action = 'insert' and old_row is null and new_row is not null)
    or (action = 'update' and old_row is not null and new_row is not null)
    or (action = 'delete' and old_row is not null and new_row is null)
  )
);
comment on table public.audit_log is 'Who changed which operational row and when, with the row before and after. Written only by triggers.';
create index audit_log_row_idx on public.audit_log (table_name, row_id);
create index audit_log_site_at_idx on public.audit_log (site_id, at desc);
create index audit_log_actor_id_idx on public.audit_log (actor_id);

create table public.sheets_outbox (
  event_id uuid primary key default gen_random_uuid(),
  table_name text not null default 'dispatches',
  row_id uuid not null,
  action text not null constraint sheets_outbox_action_valid check (action in ('insert', 'update', 'delete')),
  payload jsonb not null,
  attempts integer not null default 0 constraint sheets_outbox_attempts_nonnegative check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
comment on table public.sheets_outbox is 'Dispatch changes waiting to be mirrored to the Google Sheet; delivered once, retried with backoff.';
create index sheets_outbox_due_idx on public.sheets_outbox (next_attempt_at) where delivered_at is null;
create index sheets_outbox_row_id_idx on public.sheets_outbox (row_id);

-- Statement-level triggers over transition tables: one insert into the log per statement, so a
-- 5,000-row batch costs one extra statement, not 5,000.
create function private.audit_changes() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.audit_log (table_name, row_id, site_id, action, actor_id, new_row)
    select tg_table_name, n.id, n.site_id, 'insert', auth.uid(), to_jsonb(n) from new_rows n;
  elsif tg_op = 'UPDATE' then
    insert into public.audit_log (table_name, row_id, site_id, action, actor_id, old_row, new_row)
    select tg_table_name, n.id, n.site_id, 'update', auth.uid(), to_jsonb(o), to_jsonb(n)
    from new_rows n join old_rows o on o.id = n.id;
  else
    insert into public.audit_log (table_name, row_id, site_id, action, actor_id, old_row)
    select tg_table_name, o.id, o.site_id, 'delete', auth.uid(), to_jsonb(o) from old_rows o;
  end if;
  return null;
end
$$;

create function private.enqueue_dispatch_sync() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.sheets_outbox (row_id, action, payload)
    select n.id, 'insert', to_jsonb(n) from new_rows n order by n.created_at, n.row_no;
  elsif tg_op = 'UPDATE' then
    insert into public.sheets_outbox (row_id, action, payload)
    select n.id, 'update', to_jsonb(n) from new_rows n;
  else
    insert into public.sheets_outbox (row_id, action, payload)
    select o.id, 'delete', jsonb_build_object('id', o.id, 'site_id', o.site_id) from old_rows o;
  end if;
  return null;
end
$$;

-- One statement trigger per write (insert, update, delete) with its transition tables, named
-- <table>_<label>_<operation>: the shape of every log-keeping trigger in DeskOps (audit log,
-- Sheets outbox, KPI counters, daily stock totals).
create function private.install_change_triggers(target regclass, handler text, label text) returns void
language plpgsql
set search_path = ''
as $$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = target);
begin
  execute format('create trigger %I after insert on %s referencing new table as new_rows for each statement execute function %s()',
    name || '_' || label || '_insert', target, handler);
  execute format('create trigger %I after update on %s referencing old table as old_rows new table as new_rows for each statement execute function %s()',
    name || '_' || label || '_update', target, handler);
  execute format('create trigger %I after delete on %s referencing old table as old_rows for each statement execute function %s()',
    name || '_' || label || '_delete', target, handler);
end
$$;

-- Installs the shared triggers on an operational table: updated_at and the audit log.
create function private.install_operational_triggers(target regclass) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('create trigger %I before update on %s for each row execute function private.set_updated_at()',
    (select c.relname from pg_catalog.pg_class c where c.oid = target) || '_set_updated_at', target);
  perform private.install_change_triggers(target, 'private.audit_changes', 'audit');
end
$$;

-- Dispatches ----------------------------------------------------------------------------------
create table public.dispatches (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  dispatch_date date not null,
  cluster text constraint dispatches_cluster_length check (char_length(btrim(cluster)) between 1 and 100),
  processor text constraint dispatches_processor_length check (char_length(btrim(processor)) between 1 and 100),
  station text constraint dispatches_station_length check (char_length(btrim(station)) between 1 and 100),
  region text constraint dispatches_region_length check (char_length(btrim(region)) between 1 and 100),
  dock_number text constraint dispatches_dock_number_length check (char_length(btrim(dock_number)) between 1 and 50),
  lh_trip text constraint dispatches_lh_trip_length check (char_length(lh_trip) <= 50),
  plate_number text constraint dispatches_plate_number_length check (char_length(plate_number) <= 20),
  fleet_size text constraint dispatches_fleet_size_length check (char_length(fleet_size) <= 50),
  material_id uuid references public.materials (id) on delete restrict,
  qty_ton numeric(12, 3) constraint dispatches_qty_ton_nonnegative check (qty_ton >= 0),
  status text not null default 'pending'
    constraint dispatches_status_valid check (status in ('pending', 'ongoing', 'completed', 'cancelled')),
  remarks text constraint dispatches_remarks_length check (char_length(remarks) <= 1000),
  completed_at timestamptz,
  batch_id uuid,
  row_no integer constraint dispatches_row_no_range check (row_no between 1 and 5000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint dispatches_batch_key unique (batch_id, row_no),
  constraint dispatches_batch_complete check ((batch_id is null) = (row_no is null)),
  constraint dispatches_completed_at_matches_status check ((status = 'completed') = (completed_at is not null)),
  -- Seed 000's linehaul trip names its route; seed 001's plant dispatch names what left and how much.
  -- Every dispatch is one or the other (or both).
  constraint dispatches_linehaul_or_material check (
    (cluster is not null and processor is not null and station is not null and region is not null and dock_number is not null)
    or (material_id is not null and qty_ton is not null)
  )
);
comment on table public.dispatches is 'Truck dispatches: seed 000''s linehaul dispatch reports (cluster, processor, station, region, dock) and seed 001''s material dispatches (material, tonnes); mirrored to the Google Sheet.';
create index dispatches_site_created_idx on public.dispatches (site_id, created_at desc, id desc);
create index dispatches_created_idx on public.dispatches (created_at desc, id desc);
-- Seed 001's list: a site's dispatches in a date range, newest day first.
create index dispatches_site_date_idx on public.dispatches (site_id, dispatch_date desc, created_at desc, id desc);
create index dispatches_region_status_idx on public.dispatches (region, status);
create index dispatches_status_completed_idx on public.dispatches (status, completed_at);
create index dispatches_material_id_idx on public.dispatches (material_id);
create index dispatches_created_by_idx on public.dispatches (created_by);
create index dispatches_cluster_trgm_idx on public.dispatches using gin (cluster extensions.gin_trgm_ops);
create index dispatches_processor_trgm_idx on public.dispatches using gin (processor extensions.gin_trgm_ops);

-- Status lifecycle: pending → ongoing → completed, or cancelled before completion (the same
-- rule as DISPATCH_TRANSITIONS in lib/constants.ts). Also keeps completed_at.
create function private.check_dispatch_status() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is distinct from old.status
     and not (old.status, new.status) in (
       ('pending', 'ongoing'), ('pending', 'cancelled'), ('ongoing', 'completed'), ('ongoing', 'cancelled')
     ) then
    raise exception 'A % dispatch cannot become %', old.status, new.status
      using errcode = '23514', constraint = 'dispatches_status_transition';
  end if;
  if new.status = 'completed' and tg_op = 'INSERT' then
    new.completed_at := coalesce(new.completed_at, now());
  elsif new.status = 'completed' and old.status <> 'completed' then
    new.completed_at := now();
  elsif new.status <> 'completed' then
    new.completed_at := null;
  end if;
  return new;
end
$$;
create trigger dispatches_check_status before insert or update on public.dispatches
  for each row execute function private.check_dispatch_status();

-- A dispatch without a date is dated today in its site's timezone.
create function private.default_dispatch_date() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.dispatch_date is null then
    new.dispatch_date := (now() at time zone (select s.timezone from public.sites s where s.id = new.site_id))::date;
  end if;
  return new;
end
$$;
create trigger dispatches_default_date before insert on public.dispatches
  for each row execute function private.default_dispatch_date();

select private.install_operational_triggers('public.dispatches');
select private.install_change_triggers('public.dispatches', 'private.enqueue_dispatch_sync', 'sync');

-- Production ----------------------------------------------------------------------------------
create table public.production (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  date date not null,
  material_id uuid not null references public.materials (id) on delete restrict,
  operation text not null
    constraint production_operation_valid check (operation in ('crushing', 'screening', 'sorting', 'washing', 'blending')),
  qty_ton numeric(12, 3) not null constraint production_qty_ton_positive check (qty_ton > 0),
  shift text constraint production_shift_valid check (shift in ('morning', 'evening', 'night')),
  notes text constraint production_notes_length check (char_length(notes) <= 1000),
  batch_id uuid,
  row_no integer constraint production_row_no_range check (row_no between 1 and 5000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint production_batch_key unique (batch_id, row_no),
  constraint production_batch_complete check ((batch_id is null) = (row_no is null))
);
comment on table public.production is 'Tonnes produced per site, day, material and operation.';
create index production_site_date_idx on public.production (site_id, date desc, created_at desc);
create index production_material_id_idx on public.production (material_id);
create index production_created_by_idx on public.production (created_by);
select private.install_operational_triggers('public.production');

-- Received materials --------------------------------------------------------------------------
create table public.received_materials (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  date date not null,
  material_id uuid not null references public.materials (id) on delete restrict,
  qty_ton numeric(12, 3) not null constraint received_materials_qty_ton_positive check (qty_ton > 0),
  source text constraint received_materials_source_length check (char_length(source) <= 200),
  vehicle_ref text constraint received_materials_vehicle_ref_length check (char_length(vehicle_ref) <= 50),
  notes text constraint received_materials_notes_length check (char_length(notes) <= 1000),
  batch_id uuid,
  row_no integer constraint received_materials_row_no_range check (row_no between 1 and 5000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint received_materials_batch_key unique (batch_id, row_no),
  constraint received_materials_batch_complete check ((batch_id is null) = (row_no is null))
);
comment on table public.received_materials is 'Material received at a site (inbound construction and demolition waste).';
create index received_materials_site_date_idx on public.received_materials (site_id, date desc, created_at desc);
create index received_materials_material_id_idx on public.received_materials (material_id);
create index received_materials_created_by_idx on public.received_materials (created_by);
select private.install_operational_triggers('public.received_materials');

-- Equipment logs ------------------------------------------------------------------------------
create table public.equipment_logs (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  date date not null,
  equipment_id uuid not null,
  hours_run numeric(4, 2) not null constraint equipment_logs_hours_run_range check (hours_run >= 0),
  hours_down numeric(4, 2) not null default 0 constraint equipment_logs_hours_down_range check (hours_down >= 0),
  fuel_liters numeric(10, 2) constraint equipment_logs_fuel_nonnegative check (fuel_liters >= 0),
  notes text constraint equipment_logs_notes_length check (char_length(notes) <= 1000),
  batch_id uuid,
  row_no integer constraint equipment_logs_row_no_range check (row_no between 1 and 5000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint equipment_logs_day_hours check (hours_run + hours_down <= 24),
  -- The machine must belong to the log's site.
  constraint equipment_logs_equipment_site_fkey foreign key (equipment_id, site_id)
    references public.equipment (id, site_id) on delete restrict,
  constraint equipment_logs_equipment_day_key unique (equipment_id, date),
  constraint equipment_logs_batch_key unique (batch_id, row_no),
  constraint equipment_logs_batch_complete check ((batch_id is null) = (row_no is null))
);
comment on table public.equipment_logs is 'Hours a machine ran and stood down on a day, and fuel used; one log per machine and day.';
create index equipment_logs_site_date_idx on public.equipment_logs (site_id, date desc, created_at desc);
create index equipment_logs_equipment_site_idx on public.equipment_logs (equipment_id, site_id);
create index equipment_logs_created_by_idx on public.equipment_logs (created_by);
select private.install_operational_triggers('public.equipment_logs');

-- Manpower logs -------------------------------------------------------------------------------
create table public.manpower_logs (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  date date not null,
  role_id uuid not null references public.manpower_roles (id) on delete restrict,
  headcount integer not null constraint manpower_logs_headcount_range check (headcount between 1 and 10000),
  hours numeric(8, 2) not null constraint manpower_logs_hours_nonnegative check (hours >= 0),
  shift text constraint manpower_logs_shift_valid check (shift in ('morning', 'evening', 'night')),
  notes text constraint manpower_logs_notes_length check (char_length(notes) <= 1000),
  batch_id uuid,
  row_no integer constraint manpower_logs_row_no_range check (row_no between 1 and 5000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint manpower_logs_hours_per_head check (hours <= headcount * 24),
  constraint manpower_logs_batch_key unique (batch_id, row_no),
  constraint manpower_logs_batch_complete check ((batch_id is null) = (row_no is null))
);
comment on table public.manpower_logs is 'Headcount and hours worked per site, day, role and shift.';
create unique index manpower_logs_site_day_role_shift_key
  on public.manpower_logs (site_id, date, role_id, coalesce(shift, ''));
create index manpower_logs_site_date_idx on public.manpower_logs (site_id, date desc, created_at desc);
create index manpower_logs_role_id_idx on public.manpower_logs (role_id);
create index manpower_logs_created_by_idx on public.manpower_logs (created_by);
select private.install_operational_triggers('public.manpower_logs');

-- Inventory entries ---------------------------------------------------------------------------
create table public.inventory_entries (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete restrict,
  date date not null,
  material_id uuid not null references public.materials (id) on delete restrict,
  kind text not null constraint inventory_entries_kind_valid check (kind in ('opening', 'count', 'adjustment')),
  qty_ton numeric(12, 3) not null,
  notes text constraint inventory_entries_notes_length check (char_length(notes) <= 1000),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A balance or a count is never negative; an adjustment of zero means nothing.
  constraint inventory_entries_qty_ton_valid check (
    (kind in ('opening', 'count') and qty_ton >= 0) or (kind = 'adjustment' and qty_ton <> 0)
  )
);
comment on table public.inventory_entries is 'What people record about stock: opening balances, physical counts and adjustments. The ledger view computes the rest.';
create unique index inventory_entries_one_balance_per_day_key
  on public.inventory_entries (site_id, material_id, date, kind) where kind in ('opening', 'count');
create index inventory_entries_site_material_date_idx on public.inventory_entries (site_id, material_id, date);
create index inventory_entries_material_id_idx on public.inventory_entries (material_id);
create index inventory_entries_created_by_idx on public.inventory_entries (created_by);
select private.install_operational_triggers('public.inventory_entries');

-- Policies ------------------------------------------------------------------------------------
-- Members read their site's rows; managers and operators create them; managers change and delete
-- any of them; operators change only their own (for dispatches, only while pending).
create function private.install_operational_policies(target regclass, label text, own_rows_editable text) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('alter table %s enable row level security', target);
  execute format('create policy %I on %s for select to authenticated using (site_id = any ((select private.readable_site_ids())::uuid[]))',
    label || ' are read by members of their site', target);
  execute format('create policy %I on %s for insert to authenticated with check (site_id = any ((select private.writable_site_ids())::uuid[]) and created_by = (select auth.uid()))',
    label || ' are created by operators and managers', target);
  execute format('create policy %I on %s for update to authenticated '
    'using (site_id = any ((select private.managed_site_ids())::uuid[]) or (created_by = (select auth.uid()) and site_id = any ((select private.writable_site_ids())::uuid[]) and %s)) '
    'with check (site_id = any ((select private.managed_site_ids())::uuid[]) or (created_by = (select auth.uid()) and site_id = any ((select private.writable_site_ids())::uuid[])))',
    label || ' are edited by managers or their creator', target, own_rows_editable);
  execute format('create policy %I on %s for delete to authenticated using (site_id = any ((select private.managed_site_ids())::uuid[]))',
    label || ' are deleted by managers of their site', target);
end
$$;

select private.install_operational_policies('public.dispatches', 'Dispatches', $$status = 'pending'$$);
select private.install_operational_policies('public.production', 'Production', 'true');
select private.install_operational_policies('public.received_materials', 'Received materials', 'true');
select private.install_operational_policies('public.equipment_logs', 'Equipment logs', 'true');
select private.install_operational_policies('public.manpower_logs', 'Manpower logs', 'true');
select private.install_operational_policies('public.inventory_entries', 'Inventory entries', 'true');

alter table public.audit_log enable row level security;
create policy "Audit entries can be read by managers of the site and admins" on public.audit_log
  for select to authenticated using (site_id = any ((select private.managed_site_ids())::uuid[]));

alter table public.sheets_outbox enable row level security;
create policy "Outbox events can be read by admins" on public.sheets_outbox
  for select to authenticated using ((select private.is_admin()));

-- The live feed: operational tables join Supabase Realtime here, with their select policies.
alter publication supabase_realtime add table
  public.dispatches, public.production, public.received_materials, public.equipment_logs,
  public.manpower_logs, public.inventory_entries;
