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
daily as (
  select site_id, material_id, day,
         sum(produced_ton) as produced_ton, sum(received_ton) as received_ton,
         sum(dispatched_ton) as dispatched_ton, sum(adjustment_ton) as adjustment_ton,
         max(opening_entry) as opening_entry, max(count_entry) as count_entry
  from movements
  group by site_id, material_id, day
),
calendar as (
  select d.site_id, d.material_id, g.day::date as day
  from (
    select site_id, material_id, min(day) as first_day, max(day) as last_day
    from daily group by site_id, material_id
  ) d
  join public.sites s on s.id = d.site_id
  cross join lateral generate_series(
    d.first_day, greatest(d.last_day, (now() at time zone s.timezone)::date), interval '1 day'
  ) as g(day)
),
days as (
  select c.site_id, c.material_id, c.day,
         coalesce(d.produced_ton, 0) as produced_ton, coalesce(d.received_ton, 0) as received_ton,
         coalesce(d.dispatched_ton, 0) as dispatched_ton, coalesce(d.adjustment_ton, 0) as adjustment_ton,
         d.opening_entry, d.count_entry,
         -- A balance is re-anchored by an opening entry (start of day) or a count (end of day).
         coalesce(d.count_entry, d.opening_entry) as anchor,
         -- On a counted day the count is the closing, so the day's movements do not add to it.
         case when d.count_entry is not null then 0
              else coalesce(d.produced_ton, 0) + coalesce(d.received_ton, 0)
                   - coalesce(d.dispatched_ton, 0) + coalesce(d.adjustment_ton, 0)
         end as running_net
  from calendar c
  left join daily d on d.site_id = c.site_id and d.material_id = c.material_id and d.day = c.day
),
segments as (
  select days.*, count(anchor) over (partition by site_id, material_id order by day) as segment
  from days
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
