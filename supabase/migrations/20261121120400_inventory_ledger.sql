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

-- The dispatches that move stock, by site, material and day: the ledger reads only this index.
create index dispatches_stock_moves_idx on public.dispatches (site_id, material_id, dispatch_date) include (qty_ton)
  where material_id is not null and qty_ton is not null and status <> 'cancelled';

-- IMPORTANT: every step below is partitioned by (site_id, material_id) and reads each source once,
-- so a filter on site_id reaches the base tables' indexes instead of computing every site.
create view public.inventory_ledger with (security_invoker = true) as
with movements as (
  select site_id, material_id, date as day,
         qty_ton as produced_ton, 0::numeric as received_ton, 0::numeric as dispatched_ton,
         0::numeric as adjustment_ton, null::numeric as opening_entry, null::numeric as count_entry
  from public.production
  union all
  select site_id, material_id, date, 0, qty_ton, 0, 0, null, null
  from public.received_materials
  union all
  select site_id, material_id, dispatch_date, 0, 0, qty_ton, 0, null, null
  from public.dispatches
  where material_id is not null and qty_ton is not null and status <> 'cancelled'
  union all
  select site_id, material_id, date, 0, 0, 0,
         case when kind = 'adjustment' then qty_ton else 0 end,
         case when kind = 'opening' then qty_ton end,
         case when kind = 'count' then qty_ton end
  from public.inventory_entries
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
