-- Deterministic benchmark data: 20 sites over 365 days. Sizes come from settings the runner sets:
--   bench.dispatches   how many dispatches (1,000,000 at full scale)
--   bench.per_day      production / received rows per site and day (proportional to the scale)
-- Every "random" choice is a hash of the row number, so the same settings give the same data.
-- Expects the runner's users in bench_users (user_id, site_index) and public.sites' BENCH-xx rows.

create temporary table bench_sites as
select row_number() over (order by code) - 1 as site_index, id as site_id, timezone, region
from public.sites where code like 'BENCH-%';

create temporary table bench_materials as
select row_number() over (order by code) - 1 as material_index, id as material_id
from public.materials where category = 'product';

create temporary table bench_places as
select row_number() over (order by c.name, p.name) - 1 as place_index, c.name as cluster, p.name as processor, c.region
from public.clusters c join public.processors p on p.region = c.region;

-- h(n, salt): a stable pseudo-random integer in [0, 2^31).
create function pg_temp.h(n bigint, salt text) returns bigint language sql immutable as
$$ select abs(hashtextextended(n::text || salt, 0)) % 2147483648 $$;

do $$
declare
  total bigint := current_setting('bench.dispatches')::bigint;
  chunk bigint := 100000;
  sites int := (select count(*) from bench_sites);
  places int := (select count(*) from bench_places);
  materials int := (select count(*) from bench_materials);
  first bigint := 1;
begin
  while first <= total loop
    insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip,
                                   plate_number, fleet_size, material_id, qty_ton, status, completed_at, created_by, created_at)
    select s.site_id, (t.created_at at time zone s.timezone)::date, pl.cluster, pl.processor, 'Bench Station', pl.region,
           'D-' || (1 + pg_temp.h(n, 'dock') % 24), 'LH-' || n, 'BCH ' || (1000 + pg_temp.h(n, 'plate') % 9000),
           (array['4-wheeler', '6-wheeler', '10-wheeler', 'trailer'])[1 + pg_temp.h(n, 'fleet') % 4],
           case when pg_temp.h(n, 'mat') % 3 = 0 then null else m.material_id end,
           case when pg_temp.h(n, 'mat') % 3 = 0 then null else 10 + (pg_temp.h(n, 'qty') % 22000) / 1000.0 end,
           t.status,
           case when t.status = 'completed' then t.created_at + interval '3 hours' end,
           u.user_id, t.created_at
    from generate_series(first, least(first + chunk - 1, total)) as n
    cross join lateral (
      select now() - (pg_temp.h(n, 'age') % (365 * 86400)) * interval '1 second' as created_at
    ) as a
    cross join lateral (
      select a.created_at,
             case
               when a.created_at > now() - interval '1 day' then (array['pending', 'ongoing', 'completed'])[1 + pg_temp.h(n, 'st') % 3]
               when pg_temp.h(n, 'st') % 100 < 5 then 'cancelled'
               else 'completed'
             end as status
    ) as t
    join bench_sites s on s.site_index = n % sites
    join bench_places pl on pl.place_index = pg_temp.h(n, 'place') % places
    join bench_materials m on m.material_index = pg_temp.h(n, 'material') % materials
    join bench_users u on u.site_index = s.site_index;
    first := first + chunk;
  end loop;
end
$$;

insert into public.production (site_id, date, material_id, operation, qty_ton, created_by)
select s.site_id, (now() at time zone s.timezone)::date - d, m.material_id, 'crushing',
       20 + (pg_temp.h(d * 1000 + k, s.site_id::text) % 30000) / 1000.0, u.user_id
from bench_sites s
join bench_users u on u.site_index = s.site_index
cross join generate_series(0, 364) as d
cross join generate_series(1, current_setting('bench.per_day')::int) as k
join bench_materials m on m.material_index = k % (select count(*) from bench_materials);

insert into public.received_materials (site_id, date, material_id, qty_ton, created_by)
select s.site_id, (now() at time zone s.timezone)::date - d, m.material_id,
       10 + (pg_temp.h(d * 1000 + k, s.site_id::text || 'r') % 20000) / 1000.0, u.user_id
from bench_sites s
join bench_users u on u.site_index = s.site_index
cross join generate_series(0, 364) as d
cross join generate_series(1, current_setting('bench.per_day')::int) as k
join bench_materials m on m.material_index = (k + 1) % (select count(*) from bench_materials);

insert into public.equipment (site_id, code, name, type, hours_available_per_day)
select s.site_id, 'BM-' || k, 'Bench machine ' || k, 'crusher', 20 from bench_sites s cross join generate_series(1, 4) as k;

insert into public.equipment_logs (site_id, date, equipment_id, hours_run, created_by)
select e.site_id, (now() at time zone s.timezone)::date - d, e.id, (pg_temp.h(d, e.id::text) % 1800) / 100.0, u.user_id
from public.equipment e
join bench_sites s on s.site_id = e.site_id
join bench_users u on u.site_index = s.site_index
cross join generate_series(0, 364) as d;

insert into public.manpower_logs (site_id, date, role_id, headcount, hours, shift, created_by)
select s.site_id, (now() at time zone s.timezone)::date - d, r.id, 4, 32, 'morning', u.user_id
from bench_sites s
join bench_users u on u.site_index = s.site_index
cross join generate_series(0, 364) as d
cross join public.manpower_roles r;

update public.sheets_outbox set delivered_at = now() where delivered_at is null;
