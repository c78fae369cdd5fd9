-- What the dashboard and dispatch pages read, each in one round trip and limited to the sites the
-- caller may read: the KPI cards for the sites in view and their month-over-month trends,
-- dispatches per day by status, the activity feed (from the audit log, also as it is broadcast)
-- and one row's history.

-- The sites of `requested` the caller may read; all readable sites when it is null.
create function private.readable_among(requested uuid[]) returns uuid[]
language sql stable security definer
set search_path = ''
as $$
  select array(
    select s from unnest((select private.readable_site_ids())) as s
    where requested is null or s = any (requested)
  )
$$;
grant execute on function private.readable_among(uuid[]) to authenticated, service_role;

-- Seed 000's KPI card, now for the sites a page shows (all the caller may read by default, as
-- before: GET /api/kpi/dashboard calls it without arguments). Replaced rather than overloaded, so
-- a call without arguments is never ambiguous.
drop function public.dashboard_kpis();
create function public.dashboard_kpis(site_ids uuid[] default null)
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
    select c.* from private.site_clock() c where c.site_id = any ((select private.readable_among(site_ids))::uuid[])
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
    where d.created_at >= now() - interval '24 hours' and d.site_id = any ((select private.readable_among(site_ids))::uuid[])
  )
  select c.total, c.today, c.this_month, c.last_month,
         case when c.last_month > 0 then round((c.this_month - c.last_month) * 100.0 / c.last_month, 1) else 0 end,
         c.pending, c.completed_today,
         case when c.today > 0 then round(c.completed_today * 100.0 / c.today, 1) else 0 end,
         a.users
  from counts c cross join active a
$$;
revoke execute on function public.dashboard_kpis(uuid[]) from anon, public;
grant execute on function public.dashboard_kpis(uuid[]) to authenticated, service_role;

-- Seed 000's KPI cards, compared month to date with the same days of last month (each site's own
-- calendar): dispatches created, of those still pending, the share completed, and the people who
-- created them.
create function public.dashboard_kpi_trends(site_ids uuid[] default null)
returns table (kpi text, current_value numeric, previous_value numeric)
language sql stable security definer
set search_path = ''
as $$
  with clock as (
    select c.site_id, c.today, c.month_start, c.last_month_start,
           -- The same number of days into last month (capped at its end).
           least(c.last_month_start + (c.today - c.month_start), c.month_start - 1) as last_month_same_day
    from private.site_clock() c
    where c.site_id = any ((select private.readable_among(site_ids))::uuid[])
  ),
  counted as (
    select
      coalesce(sum(k.dispatches) filter (where k.created_on >= c.month_start), 0) as created_now,
      coalesce(sum(k.dispatches) filter (where k.created_on between c.last_month_start and c.last_month_same_day), 0) as created_before,
      coalesce(sum(k.dispatches) filter (where k.created_on >= c.month_start and k.status = 'pending'), 0) as pending_now,
      coalesce(sum(k.dispatches) filter (where k.created_on between c.last_month_start and c.last_month_same_day and k.status = 'pending'), 0) as pending_before,
      coalesce(sum(k.dispatches) filter (where k.created_on >= c.month_start and k.status = 'completed'), 0) as completed_now,
      coalesce(sum(k.dispatches) filter (where k.created_on between c.last_month_start and c.last_month_same_day and k.status = 'completed'), 0) as completed_before
    -- Per site through the counters' key (site_id, created_on, ...): a plain join read them all.
    from clock c
    cross join lateral (
      select k.created_on, k.status, k.dispatches from private.dispatch_counts k
      where k.site_id = c.site_id and k.created_on >= c.last_month_start
      offset 0 -- kept a subquery, so it runs per site
    ) k
  ),
  people as (
    select
      count(distinct d.created_by) filter (where (d.created_at at time zone s.timezone)::date >= c.month_start) as active_now,
      count(distinct d.created_by) filter (where (d.created_at at time zone s.timezone)::date between c.last_month_start and c.last_month_same_day) as active_before
    from clock c
    join public.sites s on s.id = c.site_id
    -- Per site through dispatches_site_created_idx: as a join, the planner scanned the whole table.
    cross join lateral (
      select d.created_by, d.created_at from public.dispatches d
      where d.site_id = c.site_id and d.created_at >= (c.last_month_start - 1)::timestamptz
      offset 0 -- kept a subquery, so it runs per site
    ) d
  )
  select 'totalDispatches', created_now, created_before from counted
  union all select 'pendingReports', pending_now, pending_before from counted
  union all select 'completionRate',
    case when created_now > 0 then round(completed_now * 100.0 / created_now, 1) else 0 end,
    case when created_before > 0 then round(completed_before * 100.0 / created_before, 1) else 0 end
  from counted
  union all select 'activeUsers', active_now, active_before from people
$$;
revoke execute on function public.dashboard_kpi_trends(uuid[]) from anon, public;
grant execute on function public.dashboard_kpi_trends(uuid[]) to authenticated, service_role;

-- Dispatches created per site-local day, by status, for the stacked chart.
create function public.dispatches_per_day(date_from date, date_to date, site_ids uuid[] default null)
returns table (day date, status text, dispatches bigint)
language sql stable security definer
set search_path = ''
as $$
  select k.created_on, k.status, sum(k.dispatches)::bigint
  from private.dispatch_counts k
  where k.site_id = any ((select private.readable_among(site_ids))::uuid[]) and k.created_on between date_from and date_to
  group by 1, 2
  having sum(k.dispatches) <> 0
  order by 1, 2
$$;
revoke execute on function public.dispatches_per_day(date, date, uuid[]) from anon, public;
grant execute on function public.dispatches_per_day(date, date, uuid[]) to authenticated, service_role;

-- One activity entry as the feed shows it: what happened to which row, where, by whom, and the
-- fields a person recognises the row by. The feed's query and its live broadcast both render
-- entries here, so a row reads the same whether it was loaded or pushed.
create function private.activity_entry(entry public.audit_log) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', entry.id,
    'table', entry.table_name,
    'action', entry.action,
    'row_id', entry.row_id,
    'site_id', entry.site_id,
    'site_code', s.code,
    'at', entry.at,
    'actor', case when p.id is not null then jsonb_build_object(
      'ops_id', p.ops_id, 'name', nullif(btrim(concat_ws(' ', p.first_name, p.last_name)), '')) end,
    'summary', jsonb_strip_nulls(jsonb_build_object(
      'status', r.row ->> 'status',
      'previous_status', case when entry.action = 'update' and entry.old_row ->> 'status' is distinct from entry.new_row ->> 'status'
                              then entry.old_row ->> 'status' end,
      'lh_trip', r.row ->> 'lh_trip',
      'plate_number', r.row ->> 'plate_number',
      'cluster', r.row ->> 'cluster',
      'processor', r.row ->> 'processor',
      'qty_ton', r.row -> 'qty_ton',
      'material', m.name,
      'equipment', e.code,
      'role', mr.name,
      'kind', r.row ->> 'kind',
      'headcount', r.row -> 'headcount',
      'hours_run', r.row -> 'hours_run',
      'date', coalesce(r.row ->> 'date', r.row ->> 'dispatch_date')
    ))
  )
  from (select coalesce(entry.new_row, entry.old_row) as row) as r
  left join public.sites s on s.id = entry.site_id
  left join public.profiles p on p.id = entry.actor_id
  left join public.materials m on m.id = (r.row ->> 'material_id')::uuid
  left join public.equipment e on e.id = (r.row ->> 'equipment_id')::uuid
  left join public.manpower_roles mr on mr.id = (r.row ->> 'role_id')::uuid
$$;

-- The activity feed: the newest audit entries of the sites, after `after_id` when given (to fill
-- a gap after a lost connection). security definer: the audit log itself is managers' reading;
-- the feed shows members what happened at their sites, not the old and new rows whole.
create function public.recent_activity(site_ids uuid[] default null, after_id bigint default null, max_entries integer default 10)
returns table (entry jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  wanted integer := least(greatest(coalesce(max_entries, 10), 1), 200);
  sites uuid[] := private.readable_among(site_ids);
begin
  if after_id is not null then
    -- A gap is short: read forward from the last entry seen, along the primary key.
    return query
      select private.activity_entry(a)
      from public.audit_log a
      where a.id > after_id and a.site_id = any (sites)
      order by a.at desc, a.id desc
      limit wanted;
  else
    -- The newest of each site from its (site_id, at) index, then the newest of those: one sort
    -- over all of a site's history would grow with it.
    return query
      select private.activity_entry(newest)
      from unnest(sites) as site (id)
      cross join lateral (
        select * from public.audit_log a where a.site_id = site.id order by a.at desc, a.id desc limit wanted
      ) as newest
      order by newest.at desc, newest.id desc
      limit wanted;
  end if;
end
$$;
revoke execute on function public.recent_activity(uuid[], bigint, integer) from anon, public;
grant execute on function public.recent_activity(uuid[], bigint, integer) to authenticated, service_role;

-- The live feed's message now carries its newest entries rendered as the feed shows them, so an
-- open dashboard shows a change without asking the server for it.
create or replace function private.broadcast_site_activity() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object('site_id', site.site_id, 'count', site.entries, 'latest_id', site.latest_id, 'entries', site.newest),
    'activity',
    'site:' || site.site_id,
    true
  )
  from (
    select n.site_id, count(*) as entries, max(n.id) as latest_id,
           (select jsonb_agg(private.activity_entry(e) order by e.id desc)
              from (select * from new_rows r where r.site_id = n.site_id order by r.id desc limit 10) e) as newest
      from new_rows n
     where n.site_id is not null
     group by n.site_id
  ) as site;
  return null;
end
$$;

-- One operational row's history, oldest first: for members of its site.
create function public.row_history(table_name text, row_id uuid)
returns table (id bigint, action text, at timestamptz, actor_ops_id text, actor_name text, old_row jsonb, new_row jsonb)
language sql stable security definer
set search_path = ''
as $$
  select a.id, a.action, a.at, p.ops_id, nullif(btrim(concat_ws(' ', p.first_name, p.last_name)), ''), a.old_row, a.new_row
  from public.audit_log a
  left join public.profiles p on p.id = a.actor_id
  where a.table_name = row_history.table_name and a.row_id = row_history.row_id
    and a.site_id = any ((select private.readable_site_ids())::uuid[])
  order by a.id
$$;
revoke execute on function public.row_history(text, uuid) from anon, public;
grant execute on function public.row_history(text, uuid) to authenticated, service_role;
