-- The dashboards' figures, each computed by one SQL function in one round trip:
--   dashboard_kpis()           seed 000's KPI card, for the sites the caller can see
--   site_metrics(site_id, day) seed 001's site metrics, "today" in the site's timezone
--   activity_totals(...)       daily / weekly / monthly totals per module, for charts and exports

-- Dispatch counters ---------------------------------------------------------------------------
-- The KPI card counts dispatches over a million-row table; counting them on every request
-- would scan it. These counters, keyed by site, site-local creation day, status and site-local
-- completion day, are kept exact by statement triggers in the same transaction as each write.
create table private.dispatch_counts (
  site_id uuid not null references public.sites (id) on delete cascade,
  created_on date not null,
  status text not null,
  completed_on date,
  dispatches bigint not null,
  constraint dispatch_counts_key unique nulls not distinct (site_id, created_on, status, completed_on)
);
comment on table private.dispatch_counts is 'Dispatch counts per site, local creation day, status and local completion day; maintained by triggers on public.dispatches.';

create function private.count_dispatch_changes() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  -- Which transition tables exist depends on the operation.
  changes text := case tg_op
    when 'INSERT' then 'select site_id, created_at, status, completed_at, 1 as delta from new_rows'
    when 'DELETE' then 'select site_id, created_at, status, completed_at, -1 as delta from old_rows'
    else 'select site_id, created_at, status, completed_at, 1 as delta from new_rows
          union all select site_id, created_at, status, completed_at, -1 from old_rows'
  end;
begin
  execute format($sql$
    with changes as (%s),
    keyed as (
      select c.site_id, (c.created_at at time zone s.timezone)::date as created_on, c.status,
             (c.completed_at at time zone s.timezone)::date as completed_on, sum(c.delta) as delta
      from changes c join public.sites s on s.id = c.site_id
      group by 1, 2, 3, 4
      having sum(c.delta) <> 0
    )
    insert into private.dispatch_counts as counts (site_id, created_on, status, completed_on, dispatches)
    select site_id, created_on, status, completed_on, delta from keyed
    on conflict on constraint dispatch_counts_key
    do update set dispatches = counts.dispatches + excluded.dispatches
  $sql$, changes);
  return null;
end
$$;

select private.install_change_triggers('public.dispatches', 'private.count_dispatch_changes', 'count');

-- Local calendar of each site: today, first of this month, first of last month.
create function private.site_clock(at_time timestamptz default now())
returns table (site_id uuid, timezone text, today date, month_start date, last_month_start date)
language sql stable
set search_path = ''
as $$
  select s.id, s.timezone,
         (at_time at time zone s.timezone)::date,
         date_trunc('month', at_time at time zone s.timezone)::date,
         (date_trunc('month', at_time at time zone s.timezone) - interval '1 month')::date
  from public.sites s
$$;

-- Seed 000's KPI card --------------------------------------------------------------------------
create function public.dashboard_kpis()
returns table (
  total_dispatches bigint,
  today_dispatches bigint,
  this_month_dispatches bigint,
  last_month_dispatches bigint,
  monthly_change numeric,
  pending_dispatches bigint,
  completed_today bigint,
  completion_rate numeric,
  active_users_24h bigint
)
language sql stable security definer
set search_path = ''
as $$
  -- security definer to read the private counters; every figure is limited to the sites the
  -- caller may read, exactly as RLS on public.dispatches limits them.
  with visible as (
    select c.* from private.site_clock() c where c.site_id = any ((select private.readable_site_ids())::uuid[])
  ),
  counts as (
    select
      coalesce(sum(k.dispatches), 0)::bigint as total,
      coalesce(sum(k.dispatches) filter (where k.created_on = v.today), 0)::bigint as today,
      coalesce(sum(k.dispatches) filter (where k.created_on >= v.month_start), 0)::bigint as this_month,
      coalesce(sum(k.dispatches) filter (where k.created_on >= v.last_month_start and k.created_on < v.month_start), 0)::bigint as last_month,
      coalesce(sum(k.dispatches) filter (where k.status = 'pending'), 0)::bigint as pending,
      coalesce(sum(k.dispatches) filter (where k.status = 'completed' and k.completed_on = v.today), 0)::bigint as completed_today
    from private.dispatch_counts k join visible v on v.site_id = k.site_id
  ),
  active as (
    select count(distinct d.created_by)::bigint as users
    from public.dispatches d
    where d.created_at >= now() - interval '24 hours' and d.site_id = any ((select private.readable_site_ids())::uuid[])
  )
  select c.total, c.today, c.this_month, c.last_month,
         case when c.last_month > 0 then round((c.this_month - c.last_month) * 100.0 / c.last_month, 1) else 0 end,
         c.pending, c.completed_today,
         case when c.today > 0 then round(c.completed_today * 100.0 / c.today, 1) else 0 end,
         a.users
  from counts c cross join active a
$$;

revoke execute on function public.dashboard_kpis() from anon, public;
grant execute on function public.dashboard_kpis() to authenticated, service_role;
grant execute on function private.site_clock(timestamptz) to authenticated, service_role;

-- Seed 001's site metrics ----------------------------------------------------------------------
-- Seed 001's percentage change: from 0 to more is +100 %, from 0 to 0 is 0 %.
create function private.percentage_change(current_value numeric, previous_value numeric) returns numeric
language sql immutable
set search_path = ''
as $$
  select case
    when previous_value = 0 then case when current_value > 0 then 100 else 0 end
    else (current_value - previous_value) * 100.0 / previous_value
  end
$$;
grant execute on function private.percentage_change(numeric, numeric) to authenticated, service_role;

create function public.site_metrics(site_id uuid, day date default null)
returns table (metric text, current_value numeric, previous_value numeric, percentage_change numeric)
language sql stable
set search_path = ''
as $$
  with target as (
    -- The site's own today unless a day is asked for; null (no rows) if the caller cannot read the site.
    select s.id, coalesce(site_metrics.day, (now() at time zone s.timezone)::date) as today
    from public.sites s where s.id = site_metrics.site_id
  ),
  figures as (
    select 'totalProduction' as metric, 1 as position,
           (select coalesce(sum(p.qty_ton), 0) from public.production p where p.site_id = t.id and p.date = t.today) as current_value,
           (select coalesce(sum(p.qty_ton), 0) from public.production p where p.site_id = t.id and p.date = t.today - 1) as previous_value
    from target t
    union all
    select 'totalDispatched', 2,
           (select coalesce(sum(d.qty_ton), 0) from public.dispatches d
             where d.site_id = t.id and d.dispatch_date = t.today and d.status <> 'cancelled'),
           (select coalesce(sum(d.qty_ton), 0) from public.dispatches d
             where d.site_id = t.id and d.dispatch_date = t.today - 1 and d.status <> 'cancelled')
    from target t
    union all
    select 'totalReceived', 3,
           (select coalesce(sum(r.qty_ton), 0) from public.received_materials r where r.site_id = t.id and r.date = t.today),
           (select coalesce(sum(r.qty_ton), 0) from public.received_materials r where r.site_id = t.id and r.date = t.today - 1)
    from target t
    union all
    -- Utilisation in %: hours run over hours available of the site's active machines.
    select 'equipmentUtilization', 4, u.current_value, u.previous_value
    from target t
    cross join lateral (
      select
        coalesce(round(100.0 * (select coalesce(sum(l.hours_run), 0) from public.equipment_logs l where l.site_id = t.id and l.date = t.today)
          / nullif(a.hours, 0), 2), 0) as current_value,
        coalesce(round(100.0 * (select coalesce(sum(l.hours_run), 0) from public.equipment_logs l where l.site_id = t.id and l.date = t.today - 1)
          / nullif(a.hours, 0), 2), 0) as previous_value
      from (select sum(e.hours_available_per_day) as hours from public.equipment e where e.site_id = t.id and e.is_active) a
    ) u
    union all
    -- Stock on hand: the sum of every material's closing balance at the end of the day; one pass
    -- over the site's ledger for both days.
    select 'currentInventoryStatus', 5, i.current_value, i.previous_value
    from target t
    cross join lateral (
      select coalesce(sum(l.closing_ton) filter (where l.day = t.today), 0) as current_value,
             coalesce(sum(l.closing_ton) filter (where l.day = t.today - 1), 0) as previous_value
      from public.inventory_ledger l
      where l.site_id = t.id and l.day between t.today - 1 and t.today
    ) i
  )
  select f.metric, f.current_value, f.previous_value, private.percentage_change(f.current_value, f.previous_value)
  from figures f
  order by f.position
$$;

revoke execute on function public.site_metrics(uuid, date) from anon, public;
grant execute on function public.site_metrics(uuid, date) to authenticated, service_role;

-- Totals per period for charts and exports ------------------------------------------------------
create function public.activity_totals(module text, site_id uuid, date_from date, date_to date, granularity text default 'daily')
returns table (period_start date, item_id uuid, entries bigint, qty_ton numeric, hours numeric, headcount bigint, fuel_liters numeric)
language plpgsql stable
set search_path = ''
as $$
declare
  bucket text := case activity_totals.granularity when 'daily' then 'day' when 'weekly' then 'week' when 'monthly' then 'month' end;
begin
  if bucket is null then
    raise exception 'granularity must be daily, weekly or monthly' using errcode = '22023';
  end if;
  if activity_totals.module is null
     or activity_totals.module not in ('production', 'received', 'dispatch', 'equipment', 'manpower', 'inventory') then
    raise exception 'module must be production, received, dispatch, equipment, manpower or inventory' using errcode = '22023';
  end if;
  if activity_totals.date_from > activity_totals.date_to then
    raise exception 'date_from must be on or before date_to' using errcode = '22023';
  end if;
  -- item_id is what the module is broken down by: material, machine or role.
  return query execute format(
    case activity_totals.module
      when 'production' then
        'select date_trunc(%1$L, date)::date, material_id, count(*), sum(qty_ton), null::numeric, null::bigint, null::numeric
           from public.production where site_id = $1 and date between $2 and $3 group by 1, 2 order by 1, 2'
      when 'received' then
        'select date_trunc(%1$L, date)::date, material_id, count(*), sum(qty_ton), null::numeric, null::bigint, null::numeric
           from public.received_materials where site_id = $1 and date between $2 and $3 group by 1, 2 order by 1, 2'
      when 'dispatch' then
        'select date_trunc(%1$L, dispatch_date)::date, material_id, count(*), sum(qty_ton), null::numeric, null::bigint, null::numeric
           from public.dispatches where site_id = $1 and dispatch_date between $2 and $3 and status <> ''cancelled''
           group by 1, 2 order by 1, 2'
      when 'equipment' then
        'select date_trunc(%1$L, date)::date, equipment_id, count(*), null::numeric, sum(hours_run), null::bigint, sum(fuel_liters)
           from public.equipment_logs where site_id = $1 and date between $2 and $3 group by 1, 2 order by 1, 2'
      when 'manpower' then
        'select date_trunc(%1$L, date)::date, role_id, count(*), null::numeric, sum(hours), sum(headcount)::bigint, null::numeric
           from public.manpower_logs where site_id = $1 and date between $2 and $3 group by 1, 2 order by 1, 2'
      when 'inventory' then
        'select date_trunc(%1$L, day)::date, material_id, count(*),
                (array_agg(closing_ton order by day desc))[1], null::numeric, null::bigint, null::numeric
           from public.inventory_ledger where site_id = $1 and day between $2 and $3 group by 1, 2 order by 1, 2'
    end, bucket)
  using activity_totals.site_id, activity_totals.date_from, activity_totals.date_to;
end
$$;

comment on function public.activity_totals(text, uuid, date, date, text) is
  'Totals per day, week (Monday) or month for one site and module; inventory gives the closing balance at the end of each period.';

revoke execute on function public.activity_totals(text, uuid, date, date, text) from anon, public;
grant execute on function public.activity_totals(text, uuid, date, date, text) to authenticated, service_role;
