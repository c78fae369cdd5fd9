-- XLSX sheet rows made in Postgres, like CSV lines: a daily report's rows leave Postgres through
-- COPY as the sheet's XML, one <row> per line, and the worker only deflates them into the zip. So
-- an XLSX is made in slices like a CSV (one COPY of up to 100,000 rows per invocation, one part
-- each), with no row cap, at nearly CSV's speed and memory; the zip's running state (CRC-32, sizes,
-- entry offsets) is saved with the job between slices (writer_state).
--
-- The cell styles are the indexes of cellXfs in styles.xml (supabase/functions/exports/xlsx.ts):
-- text 0, integer 2, number 4, date 6, each +1 in bold.

-- Text as XML element content: markup escaped, line breaks as character references (a COPY line
-- is one row), characters XML 1.0 cannot hold dropped; most text has none of them, and one test
-- says so. IMPORTANT: one expression and no SET clause, so Postgres inlines it (see
-- private.formula_safe).
create function private.xml_text(value text) returns text
language sql immutable parallel safe
as $$
  select case when value !~ E'[&<>\x01-\x1f\uFFFE\uFFFF]' then value else
    pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
      pg_catalog.translate(value, E'\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\uFFFE\uFFFF', ''),
      '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), E'\n', '&#10;'), E'\r', '&#13;')
  end
$$;

-- One cell: nothing when empty; text inline (a text cell is never a formula in a sheet, so it needs
-- no formula guard); numbers as they are; a date as its serial day (days since 1899-12-30, which
-- the caller gives: see xlsx_serial). IMPORTANT: immutable through and through, so Postgres
-- inlines it into the COPY's query: a text-to-date cast here (stable: it reads DateStyle), or
-- text || integer (stable: it calls the integer's output function), made every cell a function
-- call, 100 µs a row; text || integer::text is immutable.
create function private.xlsx_cell(reference text, kind text, value text, bold boolean) returns text
language sql immutable parallel safe
as $$
  select case
    when value is null or value = '' then ''
    when kind = 'text' then '<c r="' || reference || '"' || case when bold then ' s="1"' else '' end
                            || ' t="inlineStr"><is><t xml:space="preserve">' || private.xml_text(value) || '</t></is></c>'
    else '<c r="' || reference || '" s="' || (case kind when 'integer' then 2 when 'number' then 4 else 6 end + bold::integer)::text || '"><v>' || value || '</v></c>'
  end
$$;

-- A day as Excel stores it: days since 1899-12-30.
create function private.xlsx_serial(day date) returns text
language sql immutable parallel safe
as $$ select (day - date '1899-12-30')::text $$;

-- A column's letter: reports have at most 26 columns.
create function private.xlsx_column(ordinal integer) returns text
language sql immutable parallel safe
as $$ select pg_catalog.chr(64 + ordinal) $$;

-- One row from JSON cells and the columns' kinds (export_columns): the header, totals reports'
-- rows and the totals row, which are few (records go out through COPY).
create function private.xlsx_row(row_number bigint, cells jsonb, columns jsonb, bold boolean) returns text
language sql stable parallel safe
as $$
  select '<row r="' || row_number || '">'
         || coalesce(pg_catalog.string_agg(
              private.xlsx_cell(private.xlsx_column(c.position::integer) || row_number, k.kind,
                                case when k.kind = 'date' then private.xlsx_serial((c.cell #>> '{}')::date) else c.cell #>> '{}' end, bold),
              '' order by c.position), '')
         || '</row>'
  from pg_catalog.jsonb_array_elements(cells) with ordinality as c(cell, position),
       lateral (select columns -> (c.position::integer - 1) ->> 'kind' as kind) k
$$;

-- The header row (row 1): the columns' labels in bold.
create function public.export_xlsx_header(module text, granularity text) returns text
language sql immutable
set search_path = ''
as $$
  select private.xlsx_row(1, jsonb_agg(c -> 'label' order by position), jsonb_agg(jsonb_build_object('kind', 'text') order by position), true)
  from jsonb_array_elements(public.export_columns(module, granularity)) with ordinality as h(c, position)
$$;

-- The totals row: "Total" (as text, whatever the first column's kind) and the sums of the
-- columns that have one, in bold.
create function private.xlsx_totals_row(row_number bigint, sums jsonb, columns jsonb) returns text
language sql immutable
set search_path = ''
as $$
  select private.xlsx_row(row_number, jsonb_set(sums, '{0}', '"Total"'), jsonb_set(columns, '{0,kind}', '"text"'), true)
$$;

-- The COPY statement of one slice of a daily report as sheet rows numbered from first_row: the
-- records after `after_key` up to `until_key`, in order (export_copy_sql's rows, as XML). One
-- query level, its row number a window in the query's own order, so the rows are read in index
-- order and never sorted again. Written as CSV with a delimiter and a quote character xml_text never
-- lets through, so each line is the row's XML exactly, with no quoting or escaping added.
create function public.export_xlsx_copy_sql(module text, site_id uuid, date_from date, date_to date, after_key text, until_key text, first_row bigint)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  source record;
  row_number text := format('(%s + row_number() over w - 1)', first_row);
  cells text;
begin
  perform private.check_export_request(module, 'daily', date_from, date_to);
  source := private.export_source(module);
  select string_agg(format('private.xlsx_cell(%L || %s, %L, %s, false)', private.xlsx_column(f.ordinal), row_number, f.kind,
                           case when f.kind = 'date' then format('private.xlsx_serial(%s)', f.expression) else format('(%s)::text', f.expression) end),
                    ' || ' order by f.ordinal)
    into cells
    from private.export_fields(module) f;
  return format(
    'copy (select ''<row r="'' || %1$s || ''">'' || %2$s || ''</row>''
             from %3$s where d.site_id = %4$L and %5$s between %6$L and %7$L%8$s%9$s
           window w as (order by %5$s, d.created_at, d.id)
            order by %5$s, d.created_at, d.id) to stdout with (format csv, delimiter E''\x02'', quote E''\x01'')',
    row_number, cells, source.from_clause, site_id, source.date_column, date_from, date_to,
    case when after_key is null then '' else ' and ' || private.export_key_condition(source.date_column, after_key, true) end,
    case when until_key is null then '' else ' and ' || private.export_key_condition(source.date_column, until_key, false) end);
end
$$;
comment on function public.export_xlsx_copy_sql(text, uuid, date, date, text, text, bigint) is
  'The COPY ... TO STDOUT of one slice of a daily report as XLSX sheet rows, to run as the job''s owner (RLS applies to its query).';

-- The totals row of a daily report, after its last row: the sums over every record of the range.
create function public.export_xlsx_totals_row(module text, site_id uuid, date_from date, date_to date, row_number bigint)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  source record;
  sums text;
  result text;
begin
  perform private.check_export_request(module, 'daily', date_from, date_to);
  source := private.export_source(module);
  select 'jsonb_build_array(' || string_agg(case when f.total then format('sum(%s)', f.expression) else 'null' end, ', ' order by f.ordinal) || ')'
    into sums
    from private.export_fields(module) f;
  execute format('select private.xlsx_totals_row($4, %s, public.export_columns(%L, ''daily'')) from %s where d.site_id = $1 and %s between $2 and $3',
                 sums, module, source.from_clause, source.date_column)
    into result using site_id, date_from, date_to, row_number;
  return result;
end
$$;

-- A totals report (weekly, monthly, inventory) as sheet rows from row 2, and its totals row: a
-- few rows, made in one go.
create function public.export_xlsx_summary(module text, site_id uuid, date_from date, date_to date, granularity text)
returns table (xml text, row_count integer)
language plpgsql stable
set search_path = ''
as $$
declare
  columns jsonb := public.export_columns(module, granularity);
begin
  perform private.check_export_request(module, granularity, date_from, date_to);
  return query
    with numbered as (
      select t.cells, row_number() over (order by t.key collate "C") + 1 as n
      from private.export_totals(module, site_id, date_from, date_to, granularity) t),
    sums as (
      select jsonb_agg(case when (col -> 'total')::boolean then
                         (select to_jsonb(sum((r.cells ->> (position::integer - 1))::numeric)) from numbered r)
                       else 'null'::jsonb end order by position) as cells
      from jsonb_array_elements(columns) with ordinality as c(col, position))
    select coalesce(string_agg(private.xlsx_row(r.n, r.cells, columns, false), '' order by r.n), '')
             || private.xlsx_totals_row(count(r.n) + 2, (select s.cells from sums s), columns),
           count(r.n)::integer
      from numbered r;
end
$$;

revoke execute on function public.export_xlsx_header(text, text), public.export_xlsx_copy_sql(text, uuid, date, date, text, text, bigint),
  public.export_xlsx_totals_row(text, uuid, date, date, bigint), public.export_xlsx_summary(text, uuid, date, date, text) from anon, public;
grant execute on function public.export_xlsx_header(text, text), public.export_xlsx_copy_sql(text, uuid, date, date, text, text, bigint),
  public.export_xlsx_totals_row(text, uuid, date, date, bigint), public.export_xlsx_summary(text, uuid, date, date, text) to authenticated, service_role;

-- The zip's state between slices --------------------------------------------------------------
alter table public.export_jobs add column writer_state jsonb;
comment on column public.export_jobs.writer_state is
  'The file writer''s state between slices (an XLSX''s zip: entries written, the open entry''s CRC-32 and sizes).';

create or replace function private.checkpoint_export_job(job_id uuid, held_lease uuid, changes jsonb) returns boolean
language sql
set search_path = ''
as $$
  with saved as (
    update public.export_jobs j
       set cursor = changes ->> 'cursor', parts = (changes ->> 'parts')::integer,
           rows_done = (changes ->> 'rows_done')::bigint, hash_state = changes ->> 'hash_state',
           writer_state = changes -> 'writer_state',
           file_size = (changes ->> 'file_size')::bigint, progress = least(99, (changes ->> 'progress')::integer),
           rows_total = coalesce((changes ->> 'rows_total')::bigint, j.rows_total),
           file_path = coalesce(changes ->> 'file_path', j.file_path),
           stats = j.stats || coalesce(changes -> 'stats', '{}'::jsonb), locked_at = now()
     where j.id = job_id and j.lease = held_lease and j.status = 'processing'
    returning 1)
  select exists (select from saved)
$$;

-- A retried job starts over, its writer too.
create or replace function public.retry_export_job(job_id uuid) returns public.export_jobs
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
         cursor = null, parts = 0, writer_state = null, rows_done = 0, rows_total = null, hash_state = null, file_size = null,
         file_hash = null, file_path = null, stats = '{}'::jsonb
   where j.id = job.id
  returning * into job;
  return job;
end
$$;

-- XLSX is made in slices now: its cap is Excel's, 1,048,576 rows a sheet less the header and the
-- totals. PDF keeps its own (a PDF is made whole in one invocation).
create or replace function public.export_row_cap(format text) returns integer
language sql immutable
set search_path = ''
as $$ select case format when 'xlsx' then 1048574 when 'pdf' then 10000 end $$;
