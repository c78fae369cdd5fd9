-- GET /api/dispatch?export=csv by COPY, the path export jobs take: the exports Edge Function reads
-- the list's rows as the caller, a slice at a time, straight from COPY ... TO STDOUT, and the route
-- passes the bytes on. Pages of CSV lines through PostgREST (public.dispatch_csv_page) ran at 0.28x
-- COPY's rate: each page was built as one string, wrapped in JSON and unwrapped again.
-- COPY's CSV with force_quote * writes every field in quotes ("" when empty), as seed 000 does, and
-- ends lines with \n, as seed 000 joins them.

drop function public.dispatch_csv_page(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer);
drop function private.csv_quoted(text);

-- A formula-safe text field that COPY will quote: null is written as "" like an empty value.
-- IMPORTANT: one expression and no SET clause, so Postgres inlines it (see private.formula_safe).
create function private.csv_field(value text) returns text
language sql immutable parallel safe
as $$
  select coalesce(private.formula_safe(value), '')
$$;

-- The list's filters (lib/queries/dispatch.ts normalises them: ILIKE patterns, the end of a day) as
-- a WHERE clause over d, each value a quoted literal; null means no filter. Only the conditions
-- asked for are written, so each filter set gets the index plan its list has.
create function private.dispatch_csv_conditions(
  region text, status text, created_from timestamptz, created_to timestamptz,
  cluster_pattern text, processor_pattern text, site_id uuid, date_from date, date_to date
) returns text
language sql stable
set search_path = ''
as $$
  select concat_ws(' and ', 'true',
    case when region is not null then format('d.region = %L', region) end,
    case when status is not null then format('d.status = %L', status) end,
    case when created_from is not null then format('d.created_at >= %L::timestamptz', created_from) end,
    case when created_to is not null then format('d.created_at <= %L::timestamptz', created_to) end,
    case when cluster_pattern is not null then format('d.cluster ilike %L', cluster_pattern) end,
    case when processor_pattern is not null then format('d.processor ilike %L', processor_pattern) end,
    case when site_id is not null then format('d.site_id = %L::uuid', site_id) end,
    case when date_from is not null then format('d.dispatch_date >= %L::date', date_from) end,
    case when date_to is not null then format('d.dispatch_date <= %L::date', date_to) end)
$$;

-- Rows on one side of a key in the list's order (newest first): '<' after the key, '>=' down to
-- and with it. The plain bound is where the index scan starts; the row comparison is exact.
create function private.dispatch_csv_key_condition(by_date boolean, key_date date, key_created timestamptz, key_id uuid, side text)
returns text
language sql stable
set search_path = ''
as $$
  select case
    when by_date then format('d.dispatch_date %s %L::date and (d.dispatch_date, d.created_at, d.id) %s (%L::date, %L::timestamptz, %L::uuid)',
                             case side when '<' then '<=' else '>=' end, key_date, side, key_date, key_created, key_id)
    else format('d.created_at %s %L::timestamptz and (d.created_at, d.id) %s (%L::timestamptz, %L::uuid)',
                case side when '<' then '<=' else '>=' end, key_created, side, key_created, key_id)
  end
$$;

-- One slice of seed 000's dispatch CSV (no header), to run as the caller (RLS applies to the COPY):
-- the COPY of the next `max_rows` rows after the given key, and the key of its last row when more
-- rows follow (null when this slice is the last). The slice's end is found first, so the statement is bounded on both sides and the
-- next slice can start as soon as this one is read; run both in one repeatable-read transaction.
create function public.dispatch_csv_slice(
  region text default null, status text default null, created_from timestamptz default null, created_to timestamptz default null,
  cluster_pattern text default null, processor_pattern text default null, site_id uuid default null,
  date_from date default null, date_to date default null, by_date boolean default false,
  after_date date default null, after_created timestamptz default null, after_id uuid default null, max_rows integer default 100000
)
returns table (statement text, until_date date, until_created timestamptz, until_id uuid)
language plpgsql stable
set search_path = ''
as $$
declare
  more boolean := false;
  ordering constant text := case when by_date then 'd.dispatch_date desc, d.created_at desc, d.id desc' else 'd.created_at desc, d.id desc' end;
  conditions text := private.dispatch_csv_conditions(region, status, created_from, created_to, cluster_pattern, processor_pattern, site_id, date_from, date_to)
    || case when after_id is null then '' else ' and ' || private.dispatch_csv_key_condition(by_date, after_date, after_created, after_id, '<') end;
begin
  if max_rows not between 1 and 1000000 then
    raise exception 'max_rows must be between 1 and 1000000' using errcode = '22023';
  end if;
  execute format('select d.dispatch_date, d.created_at, d.id from public.dispatches d where %s order by %s offset $1 limit 1', conditions, ordering)
    into until_date, until_created, until_id using max_rows - 1;
  if until_id is not null then
    execute format('select exists (select 1 from public.dispatches d where %s and %s)',
                   conditions, private.dispatch_csv_key_condition(by_date, until_date, until_created, until_id, '<'))
      into more;
    conditions := conditions || ' and ' || private.dispatch_csv_key_condition(by_date, until_date, until_created, until_id, '>=');
  end if;
  statement := format(
    'copy (select d.id, pg_catalog.to_json(d.created_at) #>> ''{}'', private.csv_field(d.cluster), private.csv_field(d.processor),
                  private.csv_field(d.station), private.csv_field(d.region), private.csv_field(d.dock_number), private.csv_field(d.lh_trip),
                  private.csv_field(d.plate_number), private.csv_field(d.fleet_size), private.csv_field(d.status), private.csv_field(d.remarks),
                  private.csv_field(p.ops_id)
             from public.dispatches d left join public.profiles p on p.id = d.created_by
            where %s order by %s) to stdout with (format csv, force_quote *)',
    conditions, ordering);
  if not more then
    until_date := null; until_created := null; until_id := null;
  end if;
  return next;
end
$$;
comment on function public.dispatch_csv_slice(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) is
  'The COPY of one slice of seed 000''s dispatch CSV and the key the next slice starts after (null when none follows); runs as the caller (RLS).';
revoke execute on function public.dispatch_csv_slice(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) from public, anon;
grant execute on function public.dispatch_csv_slice(text, text, timestamptz, timestamptz, text, text, uuid, date, date, boolean, date, timestamptz, uuid, integer) to authenticated;
