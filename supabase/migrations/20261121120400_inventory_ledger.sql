-- Inventory is computed, never typed in: per site, material and day, what the day opened with,
-- what came in and went out, and what it closed with. People record only opening balances,
-- physical counts and adjustments (inventory_entries).
--
-- The rules:
--   closing = opening + produced + received - dispatched + adjustment
--   each day opens at the previous day's closing (0 before anything is known);
--   an opening entry on a day sets that day's opening;
--   a count on a day sets that day's closing (the count wins over the day's movements).
-- Dispatches move stock when they carry a material and a quantity and are not cancelled.
-- Every calendar day from the first movement to today (in the site's timezone) has a row, so
-- days with no activity carry the balance forward.

-- Stock movements per site, material and day, kept exact by statement triggers in the same
-- transaction as every write to the logs. The ledger reads these few rows (one per material and
-- active day) instead of every log row of a site's history.
create table private.stock_moves_daily (
  site_id uuid not null,
  material_id uuid not null,
  day date not null,
  produced_ton numeric not null default 0,
  received_ton numeric not null default 0,
  dispatched_ton numeric not null default 0,
  adjustment_ton numeric not null default 0,
  primary key (site_id, material_id, day)
);
comment on table private.stock_moves_daily is 'Produced, received, dispatched and adjusted tonnes per site, material and day; maintained by triggers on the logs.';
alter table private.stock_moves_daily enable row level security;
create policy "Daily stock moves are read by members of their site" on private.stock_moves_daily
  for select to authenticated using (site_id = any ((select private.readable_site_ids())::uuid[]));
-- The ledger view runs as its caller, so they read this table, under the policy above.
grant select on private.stock_moves_daily to authenticated, service_role;

-- What each log contributes. Dispatches move stock when they carry a material and a quantity and
-- are not cancelled; of the inventory entries only adjustments are movements.
create function private.stock_moves_sql(log_table text, source text) returns text
language sql immutable
set search_path = ''
as $$
  select format(case log_table
    when 'production' then
      'select site_id, material_id, date as day, qty_ton as produced, 0::numeric as received, 0::numeric as dispatched, 0::numeric as adjusted from %s'
    when 'received_materials' then
      'select site_id, material_id, date as day, 0::numeric as produced, qty_ton as received, 0::numeric as dispatched, 0::numeric as adjusted from %s'
    when 'dispatches' then
      'select site_id, material_id, dispatch_date as day, 0::numeric as produced, 0::numeric as received, qty_ton as dispatched, 0::numeric as adjusted from %s
        where material_id is not null and qty_ton is not null and status <> ''cancelled'''
    when 'inventory_entries' then
      'select site_id, material_id, date as day, 0::numeric as produced, 0::numeric as received, 0::numeric as dispatched, qty_ton as adjusted from %s
        where kind = ''adjustment'''
  end, source)
$$;

-- The upsert that adds signed changes (rows of stock_moves_sql with a sign) to the daily totals.
-- It returns SQL rather than running it: only the trigger function itself can see its
-- transition tables.
create function private.stock_moves_upsert_sql(changes text) returns text
language sql immutable
set search_path = ''
as $fn$
  select format($sql$
    insert into private.stock_moves_daily as d (site_id, material_id, day, produced_ton, received_ton, dispatched_ton, adjustment_ton)
    select site_id, material_id, day, sum(produced * sign), sum(received * sign), sum(dispatched * sign), sum(adjusted * sign)
    from (%s) as c
    group by site_id, material_id, day
    on conflict (site_id, material_id, day) do update set
      produced_ton = d.produced_ton + excluded.produced_ton,
      received_ton = d.received_ton + excluded.received_ton,
      dispatched_ton = d.dispatched_ton + excluded.dispatched_ton,
      adjustment_ton = d.adjustment_ton + excluded.adjustment_ton
  $sql$, changes)
$fn$;

create function private.track_stock_moves() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Transition tables exist per operation: new_rows for inserts, old_rows for deletes, both for updates.
  execute private.stock_moves_upsert_sql(case tg_op
    when 'INSERT' then format('select m.*, 1 as sign from (%s) as m', private.stock_moves_sql(tg_table_name, 'new_rows'))
    when 'DELETE' then format('select m.*, -1 as sign from (%s) as m', private.stock_moves_sql(tg_table_name, 'old_rows'))
    else format('select m.*, 1 as sign from (%s) as m union all select m.*, -1 from (%s) as m',
                private.stock_moves_sql(tg_table_name, 'new_rows'), private.stock_moves_sql(tg_table_name, 'old_rows'))
  end);
  return null;
end
$$;

create function private.install_stock_move_triggers(target regclass) returns void
language plpgsql
set search_path = ''
as $$
declare
  name text := (select c.relname from pg_catalog.pg_class c where c.oid = target);
begin
  perform private.install_change_triggers(target, 'private.track_stock_moves', 'stock');
  -- Rows written before this migration count too.
  execute private.stock_moves_upsert_sql(format('select m.*, 1 as sign from (%s) as m', private.stock_moves_sql(name, target::text)));
end
$$;

select private.install_stock_move_triggers('public.production');
select private.install_stock_move_triggers('public.received_materials');
select private.install_stock_move_triggers('public.dispatches');
select private.install_stock_move_triggers('public.inventory_entries');

-- IMPORTANT: every step below is partitioned by (site_id, material_id) and reads each source once,
-- so a filter on site_id reaches the sources' indexes instead of computing every site.
create view public.inventory_ledger with (security_invoker = true) as
with movements as (
  select site_id, material_id, day, produced_ton, received_ton, dispatched_ton, adjustment_ton,
         null::numeric as opening_entry, null::numeric as count_entry
  from private.stock_moves_daily
  union all
  select site_id, material_id, date, 0, 0, 0, 0,
         case when kind = 'opening' then qty_ton end,
         case when kind = 'count' then qty_ton end
  from public.inventory_entries
  where kind in ('opening', 'count')
),
active_days as (
  select m.site_id, m.material_id, m.day,
         sum(m.produced_ton) as produced_ton, sum(m.received_ton) as received_ton,
         sum(m.dispatched_ton) as dispatched_ton, sum(m.adjustment_ton) as adjustment_ton,
         max(m.opening_entry) as opening_entry, max(m.count_entry) as count_entry,
         (now() at time zone s.timezone)::date as site_today
  from movements m
  join public.sites s on s.id = m.site_id
  group by m.site_id, m.material_id, m.day, s.timezone
),
-- Each active day is followed by the quiet days up to the next active day (or up to today).
days as (
  select a.site_id, a.material_id, g.day::date as day,
         g.day = a.day as active, a.produced_ton, a.received_ton, a.dispatched_ton, a.adjustment_ton,
         a.opening_entry, a.count_entry
  from (
    select active_days.*,
           coalesce(lead(day) over (partition by site_id, material_id order by day) - 1, greatest(day, site_today)) as last_quiet_day
    from active_days
  ) a
  cross join lateral generate_series(a.day, a.last_quiet_day, interval '1 day') as g(day)
),
flows as (
  select site_id, material_id, day,
         case when active then produced_ton else 0 end as produced_ton,
         case when active then received_ton else 0 end as received_ton,
         case when active then dispatched_ton else 0 end as dispatched_ton,
         case when active then adjustment_ton else 0 end as adjustment_ton,
         case when active then opening_entry end as opening_entry,
         case when active then count_entry end as count_entry
  from days
),
anchored as (
  select flows.*,
         -- A balance is re-anchored by an opening entry (start of day) or a count (end of day).
         coalesce(count_entry, opening_entry) as anchor,
         -- On a counted day the count is the closing, so the day's movements do not add to it.
         case when count_entry is not null then 0
              else produced_ton + received_ton - dispatched_ton + adjustment_ton
         end as running_net
  from flows
),
segments as (
  select anchored.*, count(anchor) over (partition by site_id, material_id order by day) as segment
  from anchored
),
balances as (
  select segments.*,
         coalesce(first_value(anchor) over seg, 0) + sum(running_net) over seg as closing_ton
  from segments
  window seg as (partition by site_id, material_id, segment order by day)
)
select site_id, material_id, day,
       coalesce(opening_entry, lag(closing_ton) over (partition by site_id, material_id order by day), 0)::numeric(14, 3) as opening_ton,
       produced_ton::numeric(14, 3) as produced_ton,
       received_ton::numeric(14, 3) as received_ton,
       dispatched_ton::numeric(14, 3) as dispatched_ton,
       adjustment_ton::numeric(14, 3) as adjustment_ton,
       count_entry::numeric(14, 3) as counted_ton,
       closing_ton::numeric(14, 3) as closing_ton
from balances;

comment on view public.inventory_ledger is 'Per site, material and day: opening, produced, received, dispatched, adjustment, counted and closing tonnes. Filter by site_id for speed.';

create view public.inventory_current with (security_invoker = true) as
select distinct on (site_id, material_id)
       site_id, material_id, day as as_of, closing_ton
from public.inventory_ledger
order by site_id, material_id, day desc;

comment on view public.inventory_current is 'The latest closing balance per site and material.';
