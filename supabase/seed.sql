-- Local development data. Runs once, on a fresh database, after the migrations
-- (`npm run stack -- --reset` or `supabase db reset`). Never run it against a hosted project:
-- the passwords below are public.

-- The four local users, one per role, password `deskops-local`. Inserted as Supabase's own
-- seeds insert users: a bcrypt hash from pgcrypto and an email identity.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
)
select
  '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
  extensions.crypt('deskops-local', extensions.gen_salt('bf', 10)), now(),
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  jsonb_build_object('first_name', u.first_name, 'last_name', u.last_name),
  now(), now(), '', '', '', ''
from (values
  ('a0000000-0000-4000-8000-000000000001'::uuid, 'admin@deskops.local', 'Ada', 'Admin'),
  ('a0000000-0000-4000-8000-000000000002'::uuid, 'manager@deskops.local', 'Mona', 'Manager'),
  ('a0000000-0000-4000-8000-000000000003'::uuid, 'operator@deskops.local', 'Otto', 'Operator'),
  ('a0000000-0000-4000-8000-000000000004'::uuid, 'viewer@deskops.local', 'Vera', 'Viewer')
) as u (id, email, first_name, last_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true), 'email', now(), now(), now()
from auth.users
where email like '%@deskops.local';

-- The admin administers everything; the others work at sites.
update public.profiles set is_admin = true where id = 'a0000000-0000-4000-8000-000000000001';
update public.profiles p set ops_id = v.ops_id
from (values
  ('a0000000-0000-4000-8000-000000000001'::uuid, 'OPS-ADMIN'),
  ('a0000000-0000-4000-8000-000000000002'::uuid, 'OPS-MGR01'),
  ('a0000000-0000-4000-8000-000000000003'::uuid, 'OPS-OPR01'),
  ('a0000000-0000-4000-8000-000000000004'::uuid, 'OPS-VWR01')
) as v (id, ops_id)
where p.id = v.id;

-- Three sites in two timezones -----------------------------------------------------------------
insert into public.sites (id, code, name, location, region, timezone) values
  ('5e000000-0000-4000-8000-000000000001', 'MNL-HUB', 'Manila Linehaul Hub', 'Pasig City, Metro Manila', 'NCR', 'Asia/Manila'),
  ('5e000000-0000-4000-8000-000000000002', 'QC-CDW', 'Quezon City C&D Recycling Plant', 'Payatas, Quezon City', 'NCR', 'Asia/Manila'),
  ('5e000000-0000-4000-8000-000000000003', 'JKT-CDW', 'Jakarta C&D Recycling Plant', 'Cakung, East Jakarta', 'DKI Jakarta', 'Asia/Jakarta');

insert into public.site_members (site_id, user_id, role) values
  ('5e000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'manager'),
  ('5e000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'manager'),
  ('5e000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003', 'operator'),
  ('5e000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003', 'operator'),
  ('5e000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004', 'viewer'),
  ('5e000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000004', 'viewer');

-- The catalogue of a construction-and-demolition-waste recycling plant -------------------------
insert into public.materials (code, name, category) values
  ('MIXED-CDW', 'Mixed C&D waste', 'input'),
  ('CONCRETE-RUBBLE', 'Concrete rubble', 'input'),
  ('BRICK-RUBBLE', 'Brick and masonry rubble', 'input'),
  ('ASPHALT-MILL', 'Asphalt millings', 'input'),
  ('RA-0-5', 'Recycled sand 0-5 mm', 'product'),
  ('RA-5-20', 'Recycled aggregate 5-20 mm', 'product'),
  ('RA-20-40', 'Recycled aggregate 20-40 mm', 'product'),
  ('RCA-40-80', 'Recycled concrete aggregate 40-80 mm', 'product'),
  ('ROADBASE', 'Recycled road base', 'product'),
  ('SCRAP-STEEL', 'Rebar and steel scrap', 'byproduct'),
  ('WOOD-CHIP', 'Wood chips', 'byproduct'),
  ('PLASTIC-MIX', 'Mixed plastics', 'byproduct'),
  ('FINES', 'Soil and fines', 'residue'),
  ('REJECTS', 'Landfill rejects', 'residue');

insert into public.manpower_roles (code, name) values
  ('PLANT-OP', 'Plant operator'),
  ('LOADER-OP', 'Loader operator'),
  ('SORTER', 'Picking-line sorter'),
  ('DRIVER', 'Truck driver'),
  ('QA', 'Quality inspector'),
  ('SUPERVISOR', 'Shift supervisor');

insert into public.clusters (name, region)
select format('%s Cluster %s', area, letter), region
from (values ('NCR', 'Pasig'), ('NCR', 'Taguig'), ('NCR', 'Caloocan'), ('North Luzon', 'Bulacan'),
             ('North Luzon', 'Pampanga'), ('South Luzon', 'Cavite'), ('South Luzon', 'Laguna'),
             ('DKI Jakarta', 'Cakung'), ('DKI Jakarta', 'Cilincing')) as a (region, area)
cross join (values ('A'), ('B'), ('C')) as l (letter);

insert into public.processors (name, region) values
  ('Pasig Processing Center', 'NCR'), ('Taguig Sort Center', 'NCR'), ('Valenzuela Crossdock', 'NCR'),
  ('Meycauayan Processing Hub', 'North Luzon'), ('San Fernando Sort Center', 'North Luzon'),
  ('Dasmarinas Crossdock', 'South Luzon'), ('Calamba Processing Hub', 'South Luzon'),
  ('Cakung Processing Center', 'DKI Jakarta'), ('Marunda Crossdock', 'DKI Jakarta');

insert into public.equipment (site_id, code, name, type, hours_available_per_day)
select s.id, e.code, e.name, e.type, e.hours
from public.sites s
cross join (values
  ('JC-01', 'Jaw crusher 1', 'crusher', 20.0), ('IC-01', 'Impact crusher 1', 'crusher', 20.0),
  ('SC-01', 'Triple-deck screen 1', 'screen', 20.0), ('WL-01', 'Wheel loader 1', 'loader', 16.0),
  ('WL-02', 'Wheel loader 2', 'loader', 16.0), ('EX-01', 'Excavator with sorting grab', 'excavator', 16.0)
) as e (code, name, type, hours)
where s.code <> 'MNL-HUB'
union all
select s.id, e.code, e.name, e.type, e.hours
from public.sites s
cross join (values ('FL-01', 'Forklift 1', 'forklift', 22.0), ('FL-02', 'Forklift 2', 'forklift', 22.0),
                   ('YT-01', 'Yard tractor 1', 'tractor', 22.0)) as e (code, name, type, hours)
where s.code = 'MNL-HUB';

-- 30 days of activity, the same on every fresh database ----------------------------------------
select setseed(0.20261121);

create temporary table seed_days as
select s.id as site_id, s.code as site_code, s.timezone, s.region,
       ((now() at time zone s.timezone)::date - offset_days) as day, offset_days
from public.sites s cross join generate_series(0, 29) as offset_days;

-- Who logs a site's rows: its operator and manager, or the admin where nobody else works.
create temporary table seed_authors as
select s.id as site_id,
       coalesce(array_agg(m.user_id order by m.role desc) filter (where m.role in ('operator', 'manager')),
                array['a0000000-0000-4000-8000-000000000001'::uuid]) as authors
from public.sites s left join public.site_members m on m.site_id = s.id
group by s.id;

-- A moment of a site's day, as a local time, never in the future: today's later hours are
-- squeezed into the part of the day already gone (the live feed would read "in 5 hours").
create function pg_temp.seed_moment(local_moment timestamp, timezone text) returns timestamptz
language sql volatile
as $$
  select case
    when local_moment at time zone timezone <= now() then local_moment at time zone timezone
    else greatest(date_trunc('day', local_moment) at time zone timezone, now() - random() * interval '3 hours')
  end
$$;

-- Inbound material at the plants.
insert into public.received_materials (site_id, date, material_id, qty_ton, source, vehicle_ref, created_by, created_at)
select d.site_id, d.day, m.id, round((12 + random() * 18)::numeric, 3),
       (array['Municipal CDW', 'Private contractor', 'Demolition site', 'Road works'])[1 + floor(random() * 4)::int],
       format('TRK-%s', 1000 + floor(random() * 9000)::int),
       a.authors[1 + floor(random() * array_length(a.authors, 1))::int],
       pg_temp.seed_moment(d.day + time '07:00' + random() * interval '10 hours', d.timezone)
from seed_days d
join seed_authors a on a.site_id = d.site_id
cross join generate_series(1, 8) as truck
join public.materials m on m.code = (array['MIXED-CDW', 'MIXED-CDW', 'CONCRETE-RUBBLE', 'BRICK-RUBBLE', 'ASPHALT-MILL'])[1 + (truck % 5)]
where d.site_code <> 'MNL-HUB' and (d.offset_days > 0 or truck <= 3);

-- What the plants make.
insert into public.production (site_id, date, material_id, operation, qty_ton, shift, created_by, created_at)
select d.site_id, d.day, m.id, p.operation, round((p.base * (0.7 + random() * 0.6))::numeric, 3), sh.shift,
       a.authors[1 + floor(random() * array_length(a.authors, 1))::int],
       pg_temp.seed_moment(d.day + case sh.shift when 'morning' then time '13:30' else time '21:30' end, d.timezone)
from seed_days d
join seed_authors a on a.site_id = d.site_id
cross join (values ('RA-0-5', 'screening', 22.0), ('RA-5-20', 'crushing', 35.0), ('RA-20-40', 'crushing', 30.0),
                   ('RCA-40-80', 'crushing', 18.0), ('ROADBASE', 'blending', 25.0), ('SCRAP-STEEL', 'sorting', 3.0),
                   ('WOOD-CHIP', 'sorting', 2.0), ('FINES', 'screening', 8.0)) as p (code, operation, base)
cross join (values ('morning'), ('evening')) as sh (shift)
join public.materials m on m.code = p.code
where d.site_code <> 'MNL-HUB' and (d.offset_days > 0 or sh.shift = 'morning');

-- Opening balances a month ago, a physical count ten days ago, an adjustment now and then.
insert into public.inventory_entries (site_id, date, material_id, kind, qty_ton, notes, created_by, created_at)
select s.id, (now() at time zone s.timezone)::date - 30, m.id, 'opening', round((100 + random() * 400)::numeric, 3),
       'Opening balance from the last stock take', 'a0000000-0000-4000-8000-000000000001',
       pg_temp.seed_moment((now() at time zone s.timezone)::date - 30 + time '06:00', s.timezone)
from public.sites s cross join public.materials m
where s.code <> 'MNL-HUB' and m.category in ('product', 'byproduct', 'residue');

insert into public.inventory_entries (site_id, date, material_id, kind, qty_ton, notes, created_by, created_at)
select s.id, (now() at time zone s.timezone)::date - 10, m.id, 'count', round((300 + random() * 300)::numeric, 3),
       'Monthly stockpile survey', 'a0000000-0000-4000-8000-000000000001',
       pg_temp.seed_moment((now() at time zone s.timezone)::date - 10 + time '17:00', s.timezone)
from public.sites s cross join public.materials m
where s.code <> 'MNL-HUB' and m.code in ('RA-5-20', 'RA-20-40');

insert into public.inventory_entries (site_id, date, material_id, kind, qty_ton, notes, created_by, created_at)
select s.id, (now() at time zone s.timezone)::date - 4, m.id, 'adjustment', -12.5,
       'Spillage written off after heavy rain', 'a0000000-0000-4000-8000-000000000001',
       pg_temp.seed_moment((now() at time zone s.timezone)::date - 4 + time '16:20', s.timezone)
from public.sites s cross join public.materials m
where s.code <> 'MNL-HUB' and m.code = 'RA-0-5';

-- Trucks out: linehaul dispatches at the hub, product sales at the plants.
insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip,
                               plate_number, fleet_size, material_id, qty_ton, status, remarks, completed_at,
                               created_by, created_at)
select t.site_id, t.day, c.name, p.name, t.station, c.region, format('D-%s', lpad((1 + floor(random() * 24)::int)::text, 2, '0')),
       format('LH-%s-%s', to_char(t.day, 'YYMMDD'), lpad(t.trip::text, 3, '0')),
       format('%s %s', (array['NBC', 'NAX', 'CAB', 'B', 'AAK'])[1 + floor(random() * 5)::int], 1000 + floor(random() * 9000)::int),
       (array['4-wheeler', '6-wheeler', '10-wheeler', 'trailer'])[1 + floor(random() * 4)::int],
       t.material_id, t.qty_ton, t.status,
       case when t.status = 'cancelled' then 'Truck did not arrive' end,
       case when t.status = 'completed' then least(t.created_at + interval '3 hours', now()) end,
       t.author, t.created_at
from (
  select d.*, trip,
         a.authors[1 + floor(random() * array_length(a.authors, 1))::int] as author,
         pg_temp.seed_moment(d.day + time '05:00' + random() * interval '16 hours', d.timezone) as created_at,
         case when d.site_code = 'MNL-HUB' then 'Pasig Station' else 'Plant gate' end as station,
         case when d.site_code = 'MNL-HUB' then null
              else (select m.id from public.materials m where m.code = (array['RA-0-5', 'RA-5-20', 'RA-20-40', 'RCA-40-80', 'ROADBASE'])[1 + (trip % 5)]) end as material_id,
         case when d.site_code = 'MNL-HUB' then null else round((10 + random() * 22)::numeric, 3) end as qty_ton,
         case
           when d.offset_days = 0 then (array['pending', 'pending', 'ongoing', 'completed'])[1 + floor(random() * 4)::int]
           when random() < 0.05 then 'cancelled'
           when d.offset_days = 1 and random() < 0.3 then 'ongoing'
           else 'completed'
         end as status
  from seed_days d
  join seed_authors a on a.site_id = d.site_id
  cross join generate_series(1, 30) as trip
  where trip <= case when d.site_code = 'MNL-HUB' then 30 else 12 end
) t
cross join lateral (
  select name, region from public.clusters
  where region = case when t.site_code = 'JKT-CDW' then 'DKI Jakarta' else (array['NCR', 'North Luzon', 'South Luzon'])[1 + (t.trip % 3)] end
  order by random() limit 1
) c
cross join lateral (
  select name from public.processors where region = c.region order by random() limit 1
) p;

-- Machine hours, one log per machine and day.
insert into public.equipment_logs (site_id, date, equipment_id, hours_run, hours_down, fuel_liters, created_by, created_at)
select d.site_id, d.day, e.id,
       least(e.hours_available_per_day, round((e.hours_available_per_day * (0.55 + random() * 0.4))::numeric, 2)),
       round((random() * 2.5)::numeric, 2), round((80 + random() * 220)::numeric, 2),
       a.authors[1 + floor(random() * array_length(a.authors, 1))::int],
       pg_temp.seed_moment(d.day + time '22:00', d.timezone)
from seed_days d
join seed_authors a on a.site_id = d.site_id
join public.equipment e on e.site_id = d.site_id
where d.offset_days > 0;

-- Crews per role and shift, eight hours a head, logged as each shift starts.
insert into public.manpower_logs (site_id, date, role_id, headcount, hours, shift, created_by, created_at)
select c.site_id, c.day, c.role_id, c.headcount, c.headcount * 8, c.shift, c.author, c.created_at
from (
  select d.site_id, d.day, r.id as role_id, greatest(1, round(crew.size * (0.8 + random() * 0.4)))::int as headcount,
         sh.shift, a.authors[1 + floor(random() * array_length(a.authors, 1))::int] as author,
         pg_temp.seed_moment(d.day + case sh.shift when 'morning' then time '06:45' else time '14:45' end, d.timezone) as created_at
  from seed_days d
  join seed_authors a on a.site_id = d.site_id
  cross join (values ('morning'), ('evening')) as sh (shift)
  cross join (values ('PLANT-OP', 4), ('LOADER-OP', 3), ('SORTER', 10), ('DRIVER', 6), ('QA', 1), ('SUPERVISOR', 1))
    as crew (code, size)
  join public.manpower_roles r on r.code = crew.code
  where d.offset_days > 0 or sh.shift = 'morning'
) c;

-- The audit log saw these rows arrive now, from nobody (a seed has no signed-in user): give each
-- entry the row's own author and time, so the activity feed reads as a month of work.
update public.audit_log a
set actor_id = (a.new_row ->> 'created_by')::uuid,
    at = coalesce((a.new_row ->> 'created_at')::timestamptz, a.at)
where a.action = 'insert' and a.actor_id is null;

-- Seed data is not news for the Google Sheet, and it was never delivered either: its outbox events
-- go. A sheet connected later gets the dispatches from "Reconcile now" or a backfill (/sheets).
delete from public.sheets_outbox;

drop table seed_days, seed_authors;
