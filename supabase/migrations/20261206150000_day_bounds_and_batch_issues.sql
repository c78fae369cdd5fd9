-- Two ways one bad request used to hurt everyone at a site (issue 16):
--   1. One production row dated 9999-12-31 made the inventory ledger walk 2.9 M days: every
--      inventory and dashboard read of the site went from ~40 ms to ~30 s, and deleting the row
--      left a zeroed daily total that kept it slow. Days now lie in one window, in both layers,
--      and a day whose movements cancel out leaves the ledger.
--   2. A failing 5,000-row batch re-inserted its rows one by one to find the bad one (6× a good
--      batch). Its rows are now checked set-wise, a handful of queries for the whole batch, and
--      every bad row and field is named in words a user reads.

-- 1. The days DeskOps accepts -------------------------------------------------------------------
-- lib/dates.ts states the same window (EARLIEST_OPERATIONAL_DAY, OPERATIONAL_YEARS_AHEAD);
-- tests/integration/db-constants.test.ts checks that the two agree. The window only ever widens
-- as time passes, so a row that was valid once stays valid (a restore re-checks it safely).
-- A plain expression with no SET clause, so Postgres inlines it: a check that runs 5,000 times a
-- batch costs nothing (called, it cost 90 ms a batch). It names only pg_catalog, always searched first.
create function private.is_operational_day(day date) returns boolean
language sql stable
as $$
  select day >= date '2000-01-01' and day <= ((now() at time zone 'utc') + interval '1 year')::date
$$;

create function private.bound_days(target regclass, day_column text) returns void
language plpgsql
set search_path = ''
as $$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = target) || '_' || day_column || '_operational';
begin
  execute format('alter table %s add constraint %I check (private.is_operational_day(%I))', target, name, day_column);
  execute format('comment on constraint %I on %s is %L', name, target, 'Use a date from 2000-01-01 to a year from today');
end
$$;

select private.bound_days('public.dispatches', 'dispatch_date');
select private.bound_days('public.production', 'date');
select private.bound_days('public.received_materials', 'date');
select private.bound_days('public.equipment_logs', 'date');
select private.bound_days('public.manpower_logs', 'date');
select private.bound_days('public.inventory_entries', 'date');
select private.bound_days('public.export_jobs', 'date_from');
select private.bound_days('public.export_jobs', 'date_to');
drop function private.bound_days(regclass, text);

-- 2. A day whose movements cancel out is not a movement day -------------------------------------
-- The ledger starts at a material's first movement day; a zeroed row (its only log deleted or
-- moved to another day) kept that start, and the days after it, for good.
create or replace function private.track_stock_moves() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  -- Transition tables exist per operation: new_rows for inserts, old_rows for deletes, both for updates.
  changes text := case tg_op
    when 'INSERT' then format('select m.*, 1 as sign from (%s) as m', private.stock_moves_sql(tg_table_name, 'new_rows'))
    when 'DELETE' then format('select m.*, -1 as sign from (%s) as m', private.stock_moves_sql(tg_table_name, 'old_rows'))
    else format('select m.*, 1 as sign from (%s) as m union all select m.*, -1 from (%s) as m',
                private.stock_moves_sql(tg_table_name, 'new_rows'), private.stock_moves_sql(tg_table_name, 'old_rows'))
  end;
begin
  execute private.stock_moves_upsert_sql(changes);
  -- Only a delete or an update can take something away.
  if tg_op <> 'INSERT' then
    execute format($sql$
      delete from private.stock_moves_daily d
      using (select distinct site_id, material_id, day from (%s) as c) as touched
      where d.site_id = touched.site_id and d.material_id = touched.material_id and d.day = touched.day
        and d.produced_ton = 0 and d.received_ton = 0 and d.dispatched_ton = 0 and d.adjustment_ton = 0
    $sql$, changes);
  end if;
  return null;
end
$$;

delete from private.stock_moves_daily
where produced_ton = 0 and received_ton = 0 and dispatched_ton = 0 and adjustment_ton = 0;

-- 3. Batches that fail fast, naming every bad row --------------------------------------------------
-- A batch row's values as the insert reads them ($1: the rows): a key absent from a row takes the
-- column's default, as a plain INSERT would. The insert and the checks below share it.
create function private.batch_values_sql(target regclass) returns text
language sql stable
set search_path = ''
as $$
  select format(
    'select t.ord::integer as batch_row, %s '
    'from jsonb_array_elements($1) with ordinality as t(elem, ord) '
    'cross join lateral jsonb_populate_record(null::%s, t.elem) as r',
    string_agg(
      format('case when t.elem ? %L then r.%I else %s end as %I', a.attname, a.attname,
             coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), 'null'), a.attname),
      ', ' order by a.attnum),
    target)
  from pg_catalog.pg_attribute a
  left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where a.attrelid = target and array[a.attname::text] <@ private.batch_columns(target)
$$;

-- INSERT ... SELECT for a batch ($1: the rows, $2: batch id, $3: row number offset).
create or replace function private.batch_insert_sql(target regclass) returns text
language sql stable
set search_path = ''
as $$
  select format('insert into %s (%s, batch_id, row_no) select %s, $2, (v.batch_row + $3)::integer from (%s) as v',
    target, columns, columns, private.batch_values_sql(target))
  from (select string_agg(format('%I', c), ', ') as columns from unnest(private.batch_columns(target)) as c) as list
$$;

-- "material_id" → "material", "dock_number" → "dock number": a column as people name the field.
create function private.field_label(column_name text) returns text
language sql immutable
set search_path = ''
as $$
  select replace(regexp_replace(column_name, '_id$', ''), '_', ' ')
$$;

-- What a value of the wrong type should have been.
create function private.type_message(type_name text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when type_name like 'numeric%' or type_name in ('real', 'double precision') then 'Enter a number'
    when type_name in ('integer', 'smallint', 'bigint') then 'Enter a whole number'
    when type_name = 'date' then 'Use a date like 2026-01-31'
    when type_name = 'uuid' then 'Choose one from the list'
    when type_name like 'timestamp%' then 'Use a date and time like 2026-01-31T08:00:00Z'
    else 'This value cannot be read'
  end
$$;

-- What each rule asks for, in the words the forms use: a refused batch row quotes it.
do $$
declare
  rule record;
begin
  for rule in
    select * from (values
      ('dispatches', 'dispatches_cluster_length', 'Cluster: 1 to 100 characters'),
      ('dispatches', 'dispatches_processor_length', 'Processor: 1 to 100 characters'),
      ('dispatches', 'dispatches_station_length', 'Station: 1 to 100 characters'),
      ('dispatches', 'dispatches_region_length', 'Region: 1 to 100 characters'),
      ('dispatches', 'dispatches_dock_number_length', 'Dock number: 1 to 50 characters'),
      ('dispatches', 'dispatches_lh_trip_length', 'LH trip: at most 50 characters'),
      ('dispatches', 'dispatches_plate_number_length', 'Plate number: at most 20 characters'),
      ('dispatches', 'dispatches_fleet_size_length', 'Fleet size: at most 50 characters'),
      ('dispatches', 'dispatches_remarks_length', 'Remarks: at most 1000 characters'),
      ('dispatches', 'dispatches_qty_ton_nonnegative', 'Tonnes cannot be negative'),
      ('dispatches', 'dispatches_status_valid', 'Choose pending, ongoing, completed or cancelled'),
      ('dispatches', 'dispatches_linehaul_or_material', 'Give the route (cluster, processor, station, region, dock number) or the material and tonnes'),
      ('production', 'production_notes_length', 'Notes: at most 1000 characters'),
      ('production', 'production_operation_valid', 'Choose crushing, screening, sorting, washing or blending'),
      ('production', 'production_qty_ton_positive', 'Tonnes must be more than 0'),
      ('production', 'production_shift_valid', 'Choose morning, evening or night'),
      ('received_materials', 'received_materials_notes_length', 'Notes: at most 1000 characters'),
      ('received_materials', 'received_materials_qty_ton_positive', 'Tonnes must be more than 0'),
      ('received_materials', 'received_materials_source_length', 'Source: at most 200 characters'),
      ('received_materials', 'received_materials_vehicle_ref_length', 'Vehicle: at most 50 characters'),
      ('equipment_logs', 'equipment_logs_day_hours', 'Hours run and hours down add up to more than 24'),
      ('equipment_logs', 'equipment_logs_fuel_nonnegative', 'Fuel cannot be negative'),
      ('equipment_logs', 'equipment_logs_hours_down_range', 'Hours down cannot be negative'),
      ('equipment_logs', 'equipment_logs_hours_run_range', 'Hours run cannot be negative'),
      ('equipment_logs', 'equipment_logs_notes_length', 'Notes: at most 1000 characters'),
      ('manpower_logs', 'manpower_logs_headcount_range', 'Headcount: 1 to 10000'),
      ('manpower_logs', 'manpower_logs_hours_nonnegative', 'Hours cannot be negative'),
      ('manpower_logs', 'manpower_logs_hours_per_head', 'More than 24 hours per person'),
      ('manpower_logs', 'manpower_logs_notes_length', 'Notes: at most 1000 characters'),
      ('manpower_logs', 'manpower_logs_shift_valid', 'Choose morning, evening or night'),
      ('inventory_entries', 'inventory_entries_kind_valid', 'Choose opening, count or adjustment'),
      ('inventory_entries', 'inventory_entries_notes_length', 'Notes: at most 1000 characters'),
      ('inventory_entries', 'inventory_entries_qty_ton_valid', 'A balance or count cannot be negative; an adjustment cannot be 0')
    ) as rules(table_name, constraint_name, message)
  loop
    execute format('comment on constraint %I on public.%I is %L', rule.constraint_name, rule.table_name, rule.message);
  end loop;
end
$$;

-- One SELECT per rule of the table that a batch row can break, each over all rows at once, as
-- (batch_row, column_name, constraint_name, message, state). Rules on columns a caller does not
-- set (completed_at, batch_id) and rules only triggers know are left to the row-by-row probe.
create function private.batch_rule_queries(target regclass) returns text[]
language sql stable
set search_path = ''
as $$
  with settable as (
    select a.attnum, a.attname::text as name, a.attnotnull
    from pg_catalog.pg_attribute a
    where a.attrelid = target and array[a.attname::text] <@ private.batch_columns(target)
  ),
  constraints as (
    select c.oid, c.conname::text as name, c.contype, c.conkey, c.confkey, c.confrelid, c.conbin,
           private.constraint_columns(target, c.conname) as columns
    from pg_catalog.pg_constraint c
    where c.conrelid = target and c.contype in ('c', 'f')
      and c.conkey <@ (select array_agg(s.attnum) from settable s)
  ),
  unique_keys as (
    select i.relname::text as name, x.indexrelid, x.indnkeyatts, pg_catalog.pg_get_expr(x.indpred, x.indrelid) as predicate,
           array(select pg_catalog.pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) as k order by k) as keys
    from pg_catalog.pg_index x
    join pg_catalog.pg_class i on i.oid = x.indexrelid
    where x.indrelid = target and x.indisunique and not x.indisprimary
      -- A batch's own key, and keys on columns the database fills, are the database's business.
      and not exists (select 1 from unnest(x.indkey::int2[]) as k(attnum)
                       where k.attnum <> 0 and k.attnum not in (select s.attnum from settable s))
  ),
  -- Each key of a unique index as the column it reads (coalesce(shift, '') reads shift).
  unique_columns as (
    select u.indexrelid, k.n,
           (select s.name from settable s where k.expr ~ ('\m' || s.name || '\M') order by length(s.name) desc limit 1) as name
    from unique_keys u cross join unnest(u.keys) with ordinality as k(expr, n)
  ),
  unique_labels as (
    select u.*,
           (select string_agg(k.name, ', ' order by k.n) from unique_columns k where k.indexrelid = u.indexrelid and k.name <> 'site_id') as columns,
           (select string_agg(private.field_label(k.name), ', ' order by k.n) from unique_columns k where k.indexrelid = u.indexrelid and k.name <> 'site_id') as label,
           (select string_agg(format('(%s) is not null', k.expr), ' and ') from unnest(u.keys) as k(expr)) as keys_present,
           (select string_agg(format('(%s) as __key%s', k.expr, k.n), ', ') from unnest(u.keys) with ordinality as k(expr, n)) as keys_selected,
           (select string_agg(format('(%s) = candidate_keys.__key%s', k.expr, k.n), ' and ') from unnest(u.keys) with ordinality as k(expr, n)) as keys_match,
           (select string_agg(format('(%s)', k.expr), ', ') from unnest(u.keys) as k(expr)) as keys_list
    from unique_keys u
  )
  select array(
    -- A required value left out, unless a BEFORE INSERT trigger fills it (a dispatch's date).
    select format('select v.batch_row, %L, null::text, %L, %L from candidate v where v.%I is null', s.name, 'Fill this in', '23502', s.name)
    from settable s
    where s.attnotnull and not exists (
      select 1 from pg_catalog.pg_trigger t join pg_catalog.pg_proc p on p.oid = t.tgfoid
      where t.tgrelid = target and not t.tgisinternal
        and t.tgtype & 2 <> 0 and t.tgtype & 4 <> 0 -- BEFORE, INSERT
        and p.prosrc ~ ('new\.' || s.name || '\s*:='))
    union all
    -- A CHECK rule: its comment, where it has one, says what is wanted.
    select format('select v.batch_row, %L, %L, %L, %L from candidate v where not coalesce((%s), true)',
                  c.columns, c.name,
                  coalesce(pg_catalog.obj_description(c.oid, 'pg_constraint'), format('This %s is not allowed', private.field_label(c.columns))),
                  '23514', pg_catalog.pg_get_expr(c.conbin, target))
    from constraints c where c.contype = 'c'
    union all
    -- A reference to nothing: one anti-join per foreign key, however many rows.
    select format('select v.batch_row, %L, %L, %L, %L from candidate v where %s and not exists (select 1 from %s f where %s)',
                  c.columns, c.name,
                  format('Unknown %s%s', private.field_label(mine.name),
                         case when array['site_id'] <@ pairs.names and mine.name <> 'site_id' then ' at this site' else '' end),
                  '23503', pairs.present, c.confrelid::regclass, pairs.matched)
    from constraints c
    cross join lateral (
      select array_agg(m.attname::text) as names,
             string_agg(format('v.%I is not null', m.attname), ' and ') as present,
             string_agg(format('f.%I = v.%I', r.attname, m.attname), ' and ') as matched
      from unnest(c.conkey, c.confkey) as k(mine, theirs)
      join pg_catalog.pg_attribute m on m.attrelid = target and m.attnum = k.mine
      join pg_catalog.pg_attribute r on r.attrelid = c.confrelid and r.attnum = k.theirs
    ) as pairs
    cross join lateral (select n as name from unnest(pairs.names) as n order by n = 'site_id' limit 1) as mine
    where c.contype = 'f'
    union all
    -- Two rows of the batch with one key: the later one is refused, as the insert would.
    select format('select d.batch_row, %L, %L, %L, %L from (select v.batch_row, row_number() over (partition by %s order by v.batch_row) as nth '
                  'from candidate v where %s%s) d where d.nth > 1',
                  u.columns, u.name, format('Another row of this batch has the same %s', u.label), '23505',
                  u.keys_list, u.keys_present, coalesce(' and (' || u.predicate || ')', ''))
    from unique_labels u
    union all
    -- A row that is already saved.
    select format('select candidate_keys.batch_row, %L, %L, %L, %L from (select v.batch_row, %s from candidate v where %s%s) candidate_keys '
                  'where exists (select 1 from %s where %s%s)',
                  u.columns, u.name, format('Already saved: a row with the same %s exists', u.label), '23505',
                  u.keys_selected, u.keys_present, coalesce(' and (' || u.predicate || ')', ''),
                  target, u.keys_match, coalesce(' and (' || u.predicate || ')', ''))
    from unique_labels u
  )
$$;

-- Every way the batch's rows break the table's rules, found set-wise. Values of the wrong type
-- come first and alone: nothing else can be read until they are fixed. It runs as the owner so a
-- reference or a clash is judged as the constraint judges it, whatever rows the caller can read;
-- it answers only about the caller's own rows.
create function private.batch_issues(target regclass, rows jsonb)
returns table (batch_row integer, column_name text, constraint_name text, message text, state text)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  names text[];
  types text[];
begin
  select array_agg(a.attname::text order by a.attnum), array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) order by a.attnum)
    into names, types
    from pg_catalog.pg_attribute a
   where a.attrelid = target and array[a.attname::text] <@ private.batch_columns(target);

  return query
    select t.ord::integer, c.name, null::text, private.type_message(c.type), '22P02'::text
    from jsonb_array_elements(rows) with ordinality as t(elem, ord)
    cross join unnest(names, types) as c(name, type)
    where t.elem ? c.name and jsonb_typeof(t.elem -> c.name) <> 'null'
      and not pg_catalog.pg_input_is_valid(t.elem ->> c.name, c.type)
    order by 1, 2;
  if found then
    return;
  end if;

  return query execute format('with candidate as materialized (%s) select * from (%s) as issues order by 1, 2',
    private.batch_values_sql(target), array_to_string(private.batch_rule_queries(target), ' union all '))
    using rows;
end
$$;

-- The row-by-row probe stays for what the set-wise rules cannot see (a trigger's refusal, a
-- row-level security policy); insert_batch calls raise_batch_error by name, which now tries the
-- set-wise rules first.
alter function private.raise_batch_error(regclass, jsonb, uuid, text, text, text, text) rename to probe_batch_error;

create function private.raise_batch_error(
  target regclass, rows jsonb, batch uuid, failed_state text, failed_message text, failed_constraint text, failed_column text
) returns void
language plpgsql
set search_path = ''
as $$
declare
  issues jsonb;
  bad_rows integer;
  first jsonb;
begin
  with found as (select * from private.batch_issues(target, rows))
  select jsonb_agg(jsonb_build_object('row', f.batch_row, 'path', format('rows.%s.%s', f.batch_row, private.first_field(f.column_name)), 'message', f.message)
                   order by f.batch_row, f.column_name),
         count(distinct f.batch_row),
         (array_agg(to_jsonb(f) order by f.batch_row, f.column_name))[1]
    into issues, bad_rows, first
    from found f;
  if issues is null then
    perform private.probe_batch_error(target, rows, batch, failed_state, failed_message, failed_constraint, failed_column);
    return;
  end if;

  raise exception using
    errcode = first ->> 'state',
    message = format('Row %s: %s', first ->> 'batch_row', first ->> 'message')
              || case when bad_rows > 1 then format(' (%s rows need fixing)', bad_rows) else '' end,
    detail = jsonb_build_object('row', (first ->> 'batch_row')::integer, 'column', first ->> 'column_name',
                                'constraint', first ->> 'constraint_name', 'issues', issues)::text,
    hint = 'Nothing from this batch was saved. Fix the rows named and submit the batch again.';
end
$$;

-- The field a user fixes for a rule over several columns: the first that is not the site.
create function private.first_field(column_names text) returns text
language sql immutable
set search_path = ''
as $$
  select coalesce((select c from unnest(string_to_array(column_names, ', ')) with ordinality as c(c, n) where c <> 'site_id' order by n limit 1),
                  split_part(column_names, ', ', 1))
$$;

grant execute on function private.batch_values_sql(regclass), private.field_label(text), private.type_message(text),
  private.batch_rule_queries(regclass), private.batch_issues(regclass, jsonb), private.first_field(text),
  private.raise_batch_error(regclass, jsonb, uuid, text, text, text, text)
  to authenticated, service_role;
revoke execute on function private.batch_issues(regclass, jsonb) from public, anon;
