-- Export pages read by the index, whatever their position in a day.
--
-- A page of export_rows after a cursor compared the key on `created_at at time zone 'UTC'`, an
-- expression no index has, so the site/date index only bounded the day and every row of the day
-- before the cursor was read again and filtered out: pages got slower the further into a busy day
-- they were (5,000 rows at offset 90,000 of one day: 410 ms instead of 50 ms), and an XLSX of one
-- day's 20,000 rows spent most of its time there. The row comparison on the index's own columns
-- is an index condition: the backward scan of (site_id, date, created_at, id) starts at the cursor.
create or replace function private.export_records_sql(module text, with_cells boolean) returns text
language sql immutable
set search_path = ''
as $$
  select format(
    'select %1$s as day, d.created_at, d.id, %2$s as output
       from %3$s
      where d.site_id = $1 and %1$s between $2 and $3
        and ($4 is null or (%1$s, d.created_at, d.id) > ($4, $5 at time zone ''UTC'', $7))
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

-- XLSX and PDF are made whole in one invocation of the worker, now by writers of our own that
-- stream (supabase/functions/exports/xlsx.ts, pdf.ts). `npm run bench -- --only exportWorker`
-- measures both at the cap: 40,000 XLSX rows took 640-710 ms of CPU with the worker at 142-146 MB;
-- 20,000 PDF rows 795 ms but 185 MB, and 10,000 539 ms. The caps keep one invocation inside 1.5 s
-- of CPU and near 150 MB; a PDF of 10,000 rows is 270 pages, more than anyone prints. CSV has no cap.
create or replace function public.export_row_cap(format text) returns integer
language sql immutable
set search_path = ''
as $$ select case format when 'xlsx' then 40000 when 'pdf' then 10000 end $$;
