-- Seed 000's dispatch CSV quotes every field, as its convertToCSV does ("${field}"), and so does
-- the route now: every field in quotes, an empty one as "". It is also the cheaper rule: no test of
-- each value for a character that needs quoting (a quarter of a page's time in Postgres).

-- A formula-safe cell, always quoted; null is "".
-- IMPORTANT: one expression and no SET clause, so Postgres inlines it (see private.formula_safe).
create function private.csv_quoted(value text) returns text
language sql immutable parallel safe
as $$
  select '"' || coalesce(pg_catalog.replace(private.formula_safe(value), '"', '""'), '') || '"'
$$;

create or replace function public.dispatch_csv_page(
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
    'select coalesce(string_agg(private.csv_quoted(page.id::text) || '','' || private.csv_quoted(pg_catalog.to_json(page.created_at) #>> ''{}'') || '',''
              || private.csv_quoted(page.cluster) || '','' || private.csv_quoted(page.processor) || '','' || private.csv_quoted(page.station) || '',''
              || private.csv_quoted(page.region) || '','' || private.csv_quoted(page.dock_number) || '','' || private.csv_quoted(page.lh_trip) || '',''
              || private.csv_quoted(page.plate_number) || '','' || private.csv_quoted(page.fleet_size) || '','' || private.csv_quoted(page.status) || '',''
              || private.csv_quoted(page.remarks) || '','' || private.csv_quoted(page.ops_id) || E''\r\n'', '''' order by page.n), ''''),
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
