-- Export jobs, processed: what each module's report holds, its rows as typed cells and as CSV
-- text made in Postgres, the queue the Edge Function `exports` claims jobs from, and the private
-- bucket the files land in. The worker reads rows as the job's owner (RLS decides), and works in
-- slices that checkpoint here, so a dead worker's job resumes where it stopped.
--
-- A report is one line per record when daily, and totals per period and item when weekly or
-- monthly (activity_totals is the one rule for those); inventory is its ledger, by day or period.

-- CSV text made in Postgres -------------------------------------------------------------------
-- A text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) starts with a
-- quote mark: lib/csv.ts's rule, for rows that never pass through TypeScript.
-- IMPORTANT: no SET clause and one expression, so Postgres inlines it into the query that uses it
-- (a SET clause alone makes every call a separate function call, many times slower); the first
-- character's code point (=, +, -, @, tab, CR) is compared, not a substring: a third of a CSV
-- slice's time went into left().
create function private.formula_safe(value text) returns text
language sql immutable parallel safe
as $$
  select case when pg_catalog.ascii(value) in (61, 43, 45, 64, 9, 13) then '''' || value else value end
$$;

-- A formula-safe text cell with RFC 4180 quoting.
create function private.csv_text(value text) returns text
language sql immutable parallel safe
as $$
  select case when private.formula_safe(value) ~ '[",;\r\n]' then '"' || pg_catalog.replace(private.formula_safe(value), '"', '""') || '"' else private.formula_safe(value) end
$$;

-- One CSV line from JSON cells: for the totals, which are few (records go out through COPY).
create function private.csv_line(cells jsonb) returns text
language sql immutable parallel safe
as $$
  select pg_catalog.string_agg(
           case pg_catalog.jsonb_typeof(cell) when 'null' then '' when 'number' then cell #>> '{}' else private.csv_text(cell #>> '{}') end,
           ',' order by position) || E'\r\n'
  from pg_catalog.jsonb_array_elements(cells) with ordinality as c(cell, position)
$$;

-- The fields of a daily report: label, kind (text | integer | number | date), whether the totals
-- row sums it, and the SQL expression over the module's FROM clause (export_source). The JSON
-- cells (XLSX, PDF) and the COPY of a CSV are both built from this one list.
create function private.export_fields(module text)
returns table (ordinal integer, label text, kind text, total boolean, expression text)
language sql immutable
set search_path = ''
as $$
  select f.ordinal::integer, f.label, f.kind, f.total, f.expression
  from (values
    ('dispatch', 1, 'Date', 'date', false, 'd.dispatch_date'),
    ('dispatch', 2, 'Cluster', 'text', false, 'd.cluster'),
    ('dispatch', 3, 'Processor', 'text', false, 'd.processor'),
    ('dispatch', 4, 'Station', 'text', false, 'd.station'),
    ('dispatch', 5, 'Region', 'text', false, 'd.region'),
    ('dispatch', 6, 'Dock', 'text', false, 'd.dock_number'),
    ('dispatch', 7, 'LH trip', 'text', false, 'd.lh_trip'),
    ('dispatch', 8, 'Plate number', 'text', false, 'd.plate_number'),
    ('dispatch', 9, 'Fleet size', 'text', false, 'd.fleet_size'),
    ('dispatch', 10, 'Material', 'text', false, 'm.code'),
    ('dispatch', 11, 'Qty (t)', 'number', true, 'd.qty_ton'),
    ('dispatch', 12, 'Status', 'text', false, 'd.status'),
    ('dispatch', 13, 'Remarks', 'text', false, 'd.remarks'),
    ('production', 1, 'Date', 'date', false, 'd.date'),
    ('production', 2, 'Material', 'text', false, 'm.code'),
    ('production', 3, 'Operation', 'text', false, 'd.operation'),
    ('production', 4, 'Shift', 'text', false, 'd.shift'),
    ('production', 5, 'Qty (t)', 'number', true, 'd.qty_ton'),
    ('production', 6, 'Notes', 'text', false, 'd.notes'),
    ('received', 1, 'Date', 'date', false, 'd.date'),
    ('received', 2, 'Material', 'text', false, 'm.code'),
    ('received', 3, 'Source', 'text', false, 'd.source'),
    ('received', 4, 'Vehicle', 'text', false, 'd.vehicle_ref'),
    ('received', 5, 'Qty (t)', 'number', true, 'd.qty_ton'),
    ('received', 6, 'Notes', 'text', false, 'd.notes'),
    ('equipment', 1, 'Date', 'date', false, 'd.date'),
    ('equipment', 2, 'Equipment', 'text', false, 'e.code'),
    ('equipment', 3, 'Hours run', 'number', true, 'd.hours_run'),
    ('equipment', 4, 'Hours down', 'number', true, 'd.hours_down'),
    ('equipment', 5, 'Fuel (L)', 'number', true, 'd.fuel_liters'),
    ('equipment', 6, 'Notes', 'text', false, 'd.notes'),
    ('manpower', 1, 'Date', 'date', false, 'd.date'),
    ('manpower', 2, 'Role', 'text', false, 'r.code'),
    ('manpower', 3, 'Shift', 'text', false, 'd.shift'),
    ('manpower', 4, 'Headcount', 'integer', true, 'd.headcount'),
    ('manpower', 5, 'Hours', 'number', true, 'd.hours'),
    ('manpower', 6, 'Notes', 'text', false, 'd.notes')
  ) as f(module, ordinal, label, kind, total, expression)
  where f.module = export_fields.module
  order by f.ordinal
$$;

-- The module's rows (alias d), what they join, and their date column.
create function private.export_source(module text, out from_clause text, out date_column text)
language sql immutable
set search_path = ''
as $$
  select case module
           when 'dispatch' then 'public.dispatches d left join public.materials m on m.id = d.material_id'
           when 'production' then 'public.production d join public.materials m on m.id = d.material_id'
           when 'received' then 'public.received_materials d join public.materials m on m.id = d.material_id'
           when 'equipment' then 'public.equipment_logs d join public.equipment e on e.id = d.equipment_id'
           when 'manpower' then 'public.manpower_logs d join public.manpower_roles r on r.id = d.role_id'
         end,
         case module when 'dispatch' then 'd.dispatch_date' else 'd.date' end
$$;

-- The columns of each report: label, kind, total (summed in the totals row of XLSX and PDF).
create function public.export_columns(module text, granularity text)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select case
    when module = 'inventory' and granularity = 'daily' then '[{"label":"Date","kind":"date"},{"label":"Material","kind":"text"},{"label":"Opening (t)","kind":"number"},{"label":"Produced (t)","kind":"number","total":true},{"label":"Received (t)","kind":"number","total":true},{"label":"Dispatched (t)","kind":"number","total":true},{"label":"Adjustment (t)","kind":"number","total":true},{"label":"Closing (t)","kind":"number"}]'::jsonb
    when module = 'inventory' then '[{"label":"Period start","kind":"date"},{"label":"Material","kind":"text"},{"label":"Days","kind":"integer"},{"label":"Closing (t)","kind":"number"}]'::jsonb
    when granularity = 'daily' then (
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('label', f.label, 'kind', f.kind, 'total', f.total) order by f.ordinal)
      from private.export_fields(module) f)
    when module = 'equipment' then '[{"label":"Period start","kind":"date"},{"label":"Equipment","kind":"text"},{"label":"Entries","kind":"integer","total":true},{"label":"Hours run","kind":"number","total":true},{"label":"Fuel (L)","kind":"number","total":true}]'::jsonb
    when module = 'manpower' then '[{"label":"Period start","kind":"date"},{"label":"Role","kind":"text"},{"label":"Entries","kind":"integer","total":true},{"label":"Man-days","kind":"integer","total":true},{"label":"Hours","kind":"number","total":true}]'::jsonb
    else '[{"label":"Period start","kind":"date"},{"label":"Material","kind":"text"},{"label":"Entries","kind":"integer","total":true},{"label":"Qty (t)","kind":"number","total":true}]'::jsonb
  end
$$;
comment on function public.export_columns(text, text) is
  'The header of an export: label, kind (text, integer, number, date) and whether the totals row sums it.';

create function private.check_export_request(module text, granularity text, date_from date, date_to date) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if module is null or module not in ('production', 'received', 'dispatch', 'equipment', 'manpower', 'inventory') then
    raise exception 'module must be production, received, dispatch, equipment, manpower or inventory' using errcode = '22023';
  end if;
  if granularity is null or granularity not in ('daily', 'weekly', 'monthly') then
    raise exception 'granularity must be daily, weekly or monthly' using errcode = '22023';
  end if;
  if date_from is null or date_to is null or date_from > date_to then
    raise exception 'date_from must be on or before date_to' using errcode = '22023';
  end if;
end
$$;

-- Records of a daily report, one page after a cursor, as `select day, created_at, id, output`:
-- output is the JSON cells (or nothing, to find where a slice ends). IMPORTANT: filtered on
-- (site_id, date) and ordered by (date, created_at, id), so the site/date index read backwards
-- serves the page; callers make the key (export_key) outside this query, for the rows they keep
-- only (a slice's end skips 100,000 rows to keep one).
create function private.export_records_sql(module text, with_cells boolean) returns text
language sql immutable
set search_path = ''
as $$
  select format(
    'select %1$s as day, d.created_at, d.id, %2$s as output
       from %3$s
      where d.site_id = $1 and %1$s between $2 and $3
        and ($4 is null or (%1$s >= $4 and (%1$s, d.created_at at time zone ''UTC'', d.id) > ($4, $5, $7)))
      order by %1$s, d.created_at, d.id
      limit $6 offset $8',
    s.date_column,
    case when with_cells
      then (select 'json_build_array(' || string_agg(f.expression, ', ' order by f.ordinal) || ')' from private.export_fields(module) f)
      else 'null::json'
    end,
    s.from_clause)
  from private.export_source(module) s
$$;

-- A record's cursor key: fixed-width text (UTC microseconds), so keys sort bytewise (collate "C")
-- as the records do and the next page starts right after one.
create function private.export_key(day date, created_at timestamptz, id uuid) returns text
language sql immutable parallel safe
as $$
  select pg_catalog.to_char(day, 'YYYY-MM-DD') || '|' || pg_catalog.to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || id
$$;

-- A key as the condition `the row is after it` (or `at or before it`), with literal values.
-- IMPORTANT: the key's day bounds the date on its own, so the index scan on (site_id, date)
-- starts (or stops) at that day instead of reading every row to the report's end; the full key
-- is a filter on those rows (as an index condition the planner turns to a bitmap scan and a sort).
create function private.export_key_condition(date_column text, key text, after boolean) returns text
language sql immutable
set search_path = ''
as $$
  select format('%1$s %2$s %3$L::date and (%1$s, d.created_at at time zone ''UTC'', d.id) %4$s (%3$L::date, %5$L::timestamp, %6$L::uuid)',
                date_column, case when after then '>=' else '<=' end, split_part(key, '|', 1),
                case when after then '>' else '<=' end, split_part(key, '|', 2), split_part(key, '|', 3))
$$;

-- Totals per period, and the inventory ledger by day or period, as JSON cells.
create function private.export_totals(module text, site_id uuid, date_from date, date_to date, granularity text)
returns table (key text, cells jsonb)
language sql stable
set search_path = ''
as $$
  select l.day || '|' || m.code,
         jsonb_build_array(l.day, m.code, l.opening_ton, l.produced_ton, l.received_ton, l.dispatched_ton, l.adjustment_ton, l.closing_ton)
    from public.inventory_ledger l join public.materials m on m.id = l.material_id
   where module = 'inventory' and granularity = 'daily'
     and l.site_id = export_totals.site_id and l.day between date_from and date_to
  union all
  select t.period_start || '|' || coalesce(m.code, e.code, r.code, ''),
         case module
           when 'equipment' then jsonb_build_array(t.period_start, e.code, t.entries, t.hours, t.fuel_liters)
           when 'manpower' then jsonb_build_array(t.period_start, r.code, t.entries, t.headcount, t.hours)
           else jsonb_build_array(t.period_start, m.code, t.entries, t.qty_ton)
         end
    from public.activity_totals(module, site_id, date_from, date_to, granularity) t
    left join public.materials m on module in ('production', 'received', 'dispatch', 'inventory') and m.id = t.item_id
    left join public.equipment e on module = 'equipment' and e.id = t.item_id
    left join public.manpower_roles r on module = 'manpower' and r.id = t.item_id
   where not (module = 'inventory' and granularity = 'daily')
$$;

create function private.is_record_report(module text, granularity text) returns boolean
language sql immutable
set search_path = ''
as $$ select granularity = 'daily' and module <> 'inventory' $$;

-- The rows of a report as typed JSON cells ----------------------------------------------------
create function public.export_rows(
  module text, site_id uuid, date_from date, date_to date, granularity text default 'daily',
  after_key text default null, max_rows integer default 10000
)
returns table (row_key text, cells json)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_export_request(module, granularity, date_from, date_to);
  if not private.is_record_report(module, granularity) then
    return query
      select t.key, t.cells::json from private.export_totals(module, site_id, date_from, date_to, granularity) t
      where after_key is null or t.key > after_key collate "C"
      order by t.key collate "C" limit max_rows;
    return;
  end if;
  -- The key only on the page's last row (the next page's cursor): making it for every row was a
  -- third of the query's time. JSON, not JSONB: it is only sent, and JSON is written out faster.
  return query execute
    'select case when lead(page.id) over () is null then private.export_key(page.day, page.created_at, page.id) end, page.output
       from (' || private.export_records_sql(module, true) || ') page'
  using site_id, date_from, date_to, nullif(split_part(after_key, '|', 1), '')::date,
        nullif(split_part(after_key, '|', 2), '')::timestamp, max_rows, nullif(split_part(after_key, '|', 3), '')::uuid, 0;
end
$$;
comment on function public.export_rows(text, uuid, date, date, text, text, integer) is
  'One page of a report as JSON arrays of cells after the cursor row_key, which the page''s last row carries (the next page''s cursor); runs as the caller (RLS).';

-- A report of totals (weekly, monthly, inventory) as CSV lines: a few rows, made from the cells.
create function public.export_totals_csv(module text, site_id uuid, date_from date, date_to date, granularity text)
returns table (csv text, row_count integer)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_export_request(module, granularity, date_from, date_to);
  return query
    select coalesce(string_agg(private.csv_line(t.cells), '' order by t.key collate "C"), ''), count(*)::integer
    from private.export_totals(module, site_id, date_from, date_to, granularity) t;
end
$$;

-- CSV of daily reports at COPY's speed -----------------------------------------------------------
-- Where the next slice of a daily report ends: its row count, the key of its last row (null when
-- nothing is left) and whether any row follows it. A full slice is found by skipping to its last row on the index; only the
-- report's last slice, which is shorter, is counted.
create function public.export_slice_end(module text, site_id uuid, date_from date, date_to date, after_key text, max_rows integer)
returns table (row_count integer, until_key text, more boolean)
language plpgsql stable
set search_path = ''
as $$
declare
  after_day date := nullif(split_part(after_key, '|', 1), '')::date;
  after_created timestamp := nullif(split_part(after_key, '|', 2), '')::timestamp;
  after_id uuid := nullif(split_part(after_key, '|', 3), '')::uuid;
  records text := private.export_records_sql(module, false);
  ends text[];
begin
  perform private.check_export_request(module, 'daily', date_from, date_to);
  if max_rows < 1 then
    raise exception 'max_rows must be at least 1' using errcode = '22023';
  end if;
  -- The slice's last row and the one after it, if any: a slice that ends on the report's last row
  -- says so, and the worker finishes without another invocation to find nothing.
  execute 'select array_agg(private.export_key(page.day, page.created_at, page.id) order by private.export_key(page.day, page.created_at, page.id) collate "C") from (' || records || ') page'
    into ends
    using site_id, date_from, date_to, after_day, after_created, 2, after_id, max_rows - 1;
  if ends is not null then
    row_count := max_rows;
    until_key := ends[1];
    more := cardinality(ends) > 1;
  else
    execute 'select count(*)::integer, max(private.export_key(page.day, page.created_at, page.id) collate "C") from (' || records || ') page'
      into row_count, until_key
      using site_id, date_from, date_to, after_day, after_created, max_rows, after_id, 0;
    more := false;
  end if;
  return next;
end
$$;

-- The COPY statement of one slice: the records after `after_key` up to `until_key`, in order,
-- the fields labelled as the header says, text cells formula-safe and quoted. COPY takes no parameters, so every value is a quoted literal (%L).
create function public.export_copy_sql(module text, site_id uuid, date_from date, date_to date, after_key text, until_key text, with_header boolean)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  source record;
  fields text;
  text_fields text;
begin
  perform private.check_export_request(module, 'daily', date_from, date_to);
  source := private.export_source(module);
  select string_agg(
           case f.kind
             when 'text' then format('private.formula_safe(%s) as %I', f.expression, f.label)
             when 'date' then format('to_char(%s, ''YYYY-MM-DD'') as %I', f.expression, f.label)
             else format('%s as %I', f.expression, f.label)
           end, ', ' order by f.ordinal),
         string_agg(format('%I', f.label), ', ' order by f.ordinal) filter (where f.kind = 'text')
    into fields, text_fields
    from private.export_fields(module) f;
  return format(
    'copy (select %1$s from %2$s where d.site_id = %3$L and %4$s between %5$L and %6$L%7$s%8$s order by %4$s, d.created_at, d.id) to stdout with (format csv%9$s)',
    fields, source.from_clause, site_id, source.date_column, date_from, date_to,
    case when after_key is null then '' else ' and ' || private.export_key_condition(source.date_column, after_key, true) end,
    case when until_key is null then '' else ' and ' || private.export_key_condition(source.date_column, until_key, false) end,
    -- Text cells always quoted: Excel in a ';' locale splits an unquoted x;=1+1 into a formula cell.
    case when with_header then ', header' else '' end || coalesce(', force_quote (' || text_fields || ')', ''));
end
$$;
comment on function public.export_copy_sql(text, uuid, date, date, text, text, boolean) is
  'The COPY ... TO STDOUT of one slice of a daily report, to run as the job''s owner (RLS applies to its query).';

-- Seed 000's dispatch CSV (GET /api/dispatch?export=csv): the list's filters and order, one page
-- of CSV lines per call, made here so rows never pass through JSON one by one. The app normalises
-- the filters (lib/queries/dispatch.ts: ILIKE patterns, the end of a day); null means no filter.
-- Keyset after (after_date, after_created, after_id); only the conditions asked for are written
-- into the query, so each filter set gets the index plan its list has.
create function public.dispatch_csv_page(
  region text default null, status text default null, created_from timestamptz default null, created_to timestamptz default null,
  cluster_pattern text default null, processor_pattern text default null, site_id uuid default null,
  date_from date default null, date_to date default null, by_date boolean default false,
  after_date date default null, after_created timestamptz default null, after_id uuid default null, max_rows integer default 20000
)
returns table (csv text, row_count integer, last_date date, last_created timestamptz, last_id uuid)
language plpgsql stable
set search_path = ''
as $$
declare
  conditions text := concat_ws(' and ', 'true',
    case when region is not null then 'd.region = $1' end,
    case when status is not null then 'd.status = $2' end,
    case when created_from is not null then 'd.created_at >= $3' end,
    case when created_to is not null then 'd.created_at <= $4' end,
    case when cluster_pattern is not null then 'd.cluster ilike $5' end,
    case when processor_pattern is not null then 'd.processor ilike $6' end,
    case when site_id is not null then 'd.site_id = $7' end,
    case when date_from is not null then 'd.dispatch_date >= $8' end,
    case when date_to is not null then 'd.dispatch_date <= $9' end,
    -- The plain bound is where the index scan starts; the row comparison is exact.
    case when after_id is not null and by_date then 'd.dispatch_date <= $10 and (d.dispatch_date, d.created_at, d.id) < ($10, $11, $12)' end,
    case when after_id is not null and not by_date then 'd.created_at <= $11 and (d.created_at, d.id) < ($11, $12)' end);
  ordering text := case when by_date then 'd.dispatch_date desc, d.created_at desc, d.id desc' else 'd.created_at desc, d.id desc' end;
begin
  if max_rows not between 1 and 100000 then
    raise exception 'max_rows must be between 1 and 100000' using errcode = '22023';
  end if;
  return query execute format(
    'select coalesce(string_agg(array_to_string(array[page.id::text, pg_catalog.to_json(page.created_at) #>> ''{}'', private.csv_text(page.cluster),
              private.csv_text(page.processor), private.csv_text(page.station), private.csv_text(page.region), private.csv_text(page.dock_number),
              private.csv_text(page.lh_trip), private.csv_text(page.plate_number), private.csv_text(page.fleet_size), private.csv_text(page.status),
              private.csv_text(page.remarks), private.csv_text(page.ops_id)], '','', '''') || E''\r\n'', '''' order by page.n), ''''),
            count(*)::integer,
            (array_agg(page.dispatch_date order by page.n desc))[1], (array_agg(page.created_at order by page.n desc))[1], (array_agg(page.id order by page.n desc))[1]
       from (select d.*, p.ops_id, row_number() over (order by %1$s) as n
               from public.dispatches d left join public.profiles p on p.id = d.created_by
              where %2$s
              order by %1$s
              limit $13) page',
    ordering, conditions)
  using region, status, created_from, created_to, cluster_pattern, processor_pattern, site_id, date_from, date_to,
        after_date, after_created, after_id, max_rows;
end
$$;
comment on function public.dispatch_csv_page(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) is
  'One page of seed 000''s dispatch CSV (no header), with the key of its last row; runs as the caller (RLS).';
revoke execute on function public.dispatch_csv_page(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) from public, anon;
grant execute on function public.dispatch_csv_page(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) to authenticated;

create function public.export_csv_header(module text, granularity text default 'daily') returns text
language sql immutable
set search_path = ''
as $$
  select private.csv_line(jsonb_agg(c -> 'label' order by position))
  from jsonb_array_elements(public.export_columns(module, granularity)) with ordinality as h(c, position)
$$;

-- How many rows a report will have, for the cap of XLSX and PDF and the progress bar.
create function public.export_row_count(module text, site_id uuid, date_from date, date_to date, granularity text default 'daily')
returns bigint
language plpgsql stable
set search_path = ''
as $$
declare
  counted bigint;
  source record;
begin
  perform private.check_export_request(module, granularity, date_from, date_to);
  if not private.is_record_report(module, granularity) then
    select count(*) into counted from private.export_totals(module, site_id, date_from, date_to, granularity);
    return counted;
  end if;
  source := private.export_source(module);
  execute format('select count(*) from %s where d.site_id = $1 and %s between $2 and $3', source.from_clause, source.date_column)
  into counted using site_id, date_from, date_to;
  return counted;
end
$$;

-- XLSX and PDF are made whole in one invocation of the worker; these caps keep one inside the
-- Edge Function's 2 s of CPU (`npm run bench -- --only exportWorker`: about 70 µs of CPU per XLSX
-- row and 780 µs per PDF row, so 20,000 rows ≈ 1.4 s and 1,500 ≈ 1.2 s). CSV has no cap.
create function public.export_row_cap(format text) returns integer
language sql immutable
set search_path = ''
as $$ select case format when 'xlsx' then 20000 when 'pdf' then 1500 end $$;

revoke execute on function public.export_columns(text, text), public.export_rows(text, uuid, date, date, text, text, integer),
  public.export_row_count(text, uuid, date, date, text), public.export_row_cap(text), public.export_csv_header(text, text),
  public.export_totals_csv(text, uuid, date, date, text), public.export_slice_end(text, uuid, date, date, text, integer),
  public.export_copy_sql(text, uuid, date, date, text, text, boolean) from anon, public;
grant execute on function public.export_columns(text, text), public.export_rows(text, uuid, date, date, text, text, integer),
  public.export_row_count(text, uuid, date, date, text), public.export_row_cap(text), public.export_csv_header(text, text),
  public.export_totals_csv(text, uuid, date, date, text), public.export_slice_end(text, uuid, date, date, text, integer),
  public.export_copy_sql(text, uuid, date, date, text, text, boolean) to authenticated, service_role;

-- The queue -----------------------------------------------------------------------------------
alter table public.export_jobs
  add column lease uuid,
  add column cursor text,
  add column parts integer not null default 0 constraint export_jobs_parts_nonnegative check (parts >= 0),
  add column rows_total bigint,
  add column rows_done bigint not null default 0,
  add column hash_state text,
  add column stats jsonb not null default '{}'::jsonb;
comment on column public.export_jobs.lease is 'Who holds the job now: each claim draws a new lease, and only its holder may checkpoint.';
comment on column public.export_jobs.cursor is 'The row_key the next slice starts after.';
comment on column public.export_jobs.parts is 'Objects written so far under file_path (part-00001, ...); a download streams them in order.';
comment on column public.export_jobs.hash_state is 'The SHA-256 of the parts written so far, saved mid-way, so the next slice goes on hashing.';
comment on column public.export_jobs.stats is 'The worker''s own measurements: slices, CPU and memory of the largest slice.';

-- Users name what they want and may cancel; everything else is the worker's.
revoke insert, update on public.export_jobs from authenticated;
grant insert (site_id, module, format, date_from, date_to, granularity) on public.export_jobs to authenticated;
grant update (status) on public.export_jobs to authenticated;
drop policy "Export jobs are cancelled by their owner and admins" on public.export_jobs;
create policy "Export jobs are cancelled by their owner while they wait or run" on public.export_jobs
  for update to authenticated
  using (user_id = (select auth.uid()) and status in ('pending', 'processing'))
  with check (user_id = (select auth.uid()) and status = 'cancelled');

-- At most this many jobs of one user wait or run at once (POST /api/exports answers 429). The
-- limit is on what users ask for; the system's own inserts (service role, migrations) pass.
create function private.limit_active_exports() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  max_active constant integer := 5;
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  -- Two requests at once must not both see 4: serialise the count per user.
  perform pg_advisory_xact_lock(hashtextextended('export_jobs:' || new.user_id::text, 0));
  if (select count(*) from public.export_jobs j where j.user_id = new.user_id and j.status in ('pending', 'processing')) >= max_active then
    raise exception 'You already have % exports waiting or running; wait for one to finish.', max_active using errcode = '53400';
  end if;
  return new;
end
$$;
create trigger export_jobs_limit_active before insert on public.export_jobs
  for each row execute function private.limit_active_exports();

-- Claims the oldest waiting job, or one whose worker fell silent (stale_after without a
-- checkpoint); a job that has been claimed max_attempts times fails with the reason instead.
create function private.claim_export_job(job_id uuid default null, stale_after interval default '5 minutes', max_attempts integer default 3)
returns setof public.export_jobs
language plpgsql
set search_path = ''
as $$
begin
  update public.export_jobs j
     set status = 'failed', lease = null,
         error_message = format('The export stopped %s times before it finished; try again, or choose a shorter range.', j.attempts)
   where j.status = 'processing' and j.locked_at < now() - stale_after and j.attempts >= max_attempts;
  return query
    update public.export_jobs j
       set status = 'processing', attempts = j.attempts + 1, locked_at = now(), lease = gen_random_uuid()
     where j.id = (
       select c.id from public.export_jobs c
        where (claim_export_job.job_id is null or c.id = claim_export_job.job_id)
          and (c.status = 'pending' or (c.status = 'processing' and c.locked_at < now() - stale_after))
        order by c.created_at
        limit 1
        for update skip locked)
    returning j.*;
end
$$;

-- Saves a slice's work; false when the lease is no longer held (cancelled, or reclaimed).
create function private.checkpoint_export_job(job_id uuid, held_lease uuid, changes jsonb) returns boolean
language sql
set search_path = ''
as $$
  with saved as (
    update public.export_jobs j
       set cursor = changes ->> 'cursor', parts = (changes ->> 'parts')::integer,
           rows_done = (changes ->> 'rows_done')::bigint, hash_state = changes ->> 'hash_state',
           file_size = (changes ->> 'file_size')::bigint, progress = least(99, (changes ->> 'progress')::integer),
           rows_total = coalesce((changes ->> 'rows_total')::bigint, j.rows_total),
           file_path = coalesce(changes ->> 'file_path', j.file_path),
           stats = j.stats || coalesce(changes -> 'stats', '{}'::jsonb), locked_at = now()
     where j.id = job_id and j.lease = held_lease and j.status = 'processing'
    returning 1)
  select exists (select from saved)
$$;

create function private.complete_export_job(job_id uuid, held_lease uuid, file_hash text, file_size bigint, record_count bigint, keep_for interval default '24 hours')
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  job public.export_jobs;
begin
  update public.export_jobs j
     set status = 'completed', progress = 100, lease = null, locked_at = null,
         file_hash = complete_export_job.file_hash, file_size = complete_export_job.file_size,
         rows_done = record_count, download_url = '/api/exports/' || j.id || '/download',
         expires_at = now() + keep_for, hash_state = null
   where j.id = job_id and j.lease = held_lease and j.status = 'processing'
  returning * into job;
  if not found then
    return false;
  end if;
  insert into public.export_audit (job_id, site_id, user_id, module, filters_json, record_count, file_size, file_hash)
  values (job.id, job.site_id, job.user_id, job.module,
          jsonb_build_object('dateFrom', job.date_from, 'dateTo', job.date_to, 'granularity', job.granularity, 'format', job.format),
          record_count, complete_export_job.file_size, complete_export_job.file_hash)
  on conflict on constraint export_audit_job_id_key do update
    set record_count = excluded.record_count, file_size = excluded.file_size, file_hash = excluded.file_hash;
  return true;
end
$$;

create function private.fail_export_job(job_id uuid, held_lease uuid, message text) returns boolean
language sql
set search_path = ''
as $$
  with failed as (
    update public.export_jobs j set status = 'failed', error_message = message, lease = null, locked_at = null
     where j.id = job_id and j.lease = held_lease and j.status = 'processing'
    returning 1)
  select exists (select from failed)
$$;

-- A failed job goes back to the queue from the start (seed 001's retry); 400 for the others.
create function public.retry_export_job(job_id uuid) returns public.export_jobs
language plpgsql security definer
set search_path = ''
as $$
declare
  job public.export_jobs;
begin
  select * into job from public.export_jobs j where j.id = job_id and j.user_id = (select auth.uid()) for update;
  if not found then
    raise exception 'Export job not found' using errcode = 'P0002';
  end if;
  if job.status <> 'failed' then
    raise exception 'Only a failed export can be retried; this one is %.', job.status using errcode = '22023';
  end if;
  update public.export_jobs j
     set status = 'pending', progress = 0, error_message = null, attempts = 0, lease = null, locked_at = null,
         cursor = null, parts = 0, rows_done = 0, rows_total = null, hash_state = null, file_size = null,
         file_hash = null, file_path = null, stats = '{}'::jsonb
   where j.id = job.id
  returning * into job;
  return job;
end
$$;
revoke execute on function public.retry_export_job(uuid) from anon, public;
grant execute on function public.retry_export_job(uuid) to authenticated;

-- Counts a download; one statement, so concurrent downloads each count.
create function public.record_export_download(job_id uuid) returns void
language sql security definer
set search_path = ''
as $$
  update public.export_audit a set download_count = a.download_count + 1, last_download = now()
   where a.job_id = record_export_download.job_id
     and exists (select from public.export_jobs j where j.id = a.job_id and j.user_id = (select auth.uid()))
$$;
revoke execute on function public.record_export_download(uuid) from anon, public;
grant execute on function public.record_export_download(uuid) to authenticated;

-- Expired files: the jobs whose objects the cleanup pass deletes (and marks, so once).
alter table public.export_jobs add column file_deleted_at timestamptz;
create function private.expired_export_files(at_time timestamptz default now())
returns table (job_id uuid, file_path text, parts integer)
language sql
set search_path = ''
as $$
  update public.export_jobs j set file_deleted_at = at_time
   where j.status = 'completed' and j.expires_at < at_time and j.file_deleted_at is null
  returning j.id, j.file_path, j.parts
$$;

-- Files live in a private bucket, under the owner's folder: only the owner reads them.
insert into storage.buckets (id, name, public) values ('exports', 'exports', false) on conflict (id) do nothing;
create policy "Export files are read by their owner" on storage.objects
  for select to authenticated
  using (bucket_id = 'exports' and (storage.foldername(name))[1] = (select auth.uid())::text);
