-- Two writers of one site and day (an operator saving production while another saves received
-- material, or two batches of dispatches) upsert the same daily-total and counter rows. Each
-- statement locked them in the order its hash aggregate happened to produce, so two statements
-- could each hold a row the other waited for: a deadlock, and one user's save failed. Upserting
-- in key order makes every writer take the locks in the same order; they queue instead.

create or replace function private.stock_moves_upsert_sql(changes text) returns text
language sql immutable
set search_path = ''
as $fn$
  select format($sql$
    insert into private.stock_moves_daily as d (site_id, material_id, day, produced_ton, received_ton, dispatched_ton, adjustment_ton)
    select site_id, material_id, day, sum(produced * sign), sum(received * sign), sum(dispatched * sign), sum(adjusted * sign)
    from (%s) as c
    group by site_id, material_id, day
    order by site_id, material_id, day
    on conflict (site_id, material_id, day) do update set
      produced_ton = d.produced_ton + excluded.produced_ton,
      received_ton = d.received_ton + excluded.received_ton,
      dispatched_ton = d.dispatched_ton + excluded.dispatched_ton,
      adjustment_ton = d.adjustment_ton + excluded.adjustment_ton
  $sql$, changes)
$fn$;

create or replace function private.count_dispatch_changes() returns trigger
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
    order by site_id, created_on, status, completed_on nulls first
    on conflict on constraint dispatch_counts_key
    do update set dispatches = counts.dispatches + excluded.dispatches
  $sql$, changes);
  return null;
end
$$;
