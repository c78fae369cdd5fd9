-- Google Sheets sync: the outbox that every dispatch write fills (operations.sql) is drained by
-- the Edge Function `google-sheets`, which posts batches to the sheet's Apps Script and marks
-- delivered exactly the events the script acknowledges. The rules of delivery live here:
-- claims in order, one dispatch's events never out of order, backoff, dead events, replay.

-- Every event has a place in one total order (identity), and a lease while a drainer holds it.
alter table public.sheets_outbox
  add column seq bigint generated always as identity,
  add column lease uuid,
  add column leased_until timestamptz,
  add column dead_at timestamptz;
create unique index sheets_outbox_seq_idx on public.sheets_outbox (seq);
drop index public.sheets_outbox_due_idx;
-- What a claim reads: the undelivered, living events in order, and per dispatch the earlier ones.
create index sheets_outbox_waiting_idx on public.sheets_outbox (seq) where delivered_at is null and dead_at is null;
create index sheets_outbox_row_waiting_idx on public.sheets_outbox (row_id, seq) where delivered_at is null;
create index sheets_outbox_delivered_at_idx on public.sheets_outbox (delivered_at) where delivered_at is not null;
comment on column public.sheets_outbox.seq is 'The order events are applied in; a dispatch''s events are delivered in this order.';
comment on column public.sheets_outbox.dead_at is 'Set after the last attempt failed; replay_dead_sheets_events() brings the event back.';

-- The rules, one place: the batch the script takes at once (its 6-minute execution and
-- UrlFetchApp's limits, integrations/google-sheets/README.md), the attempts before an event is
-- dead, the backoff between them, how long a drainer may hold a batch.
create function private.sheets_sync_rules() returns table (batch_size integer, max_attempts integer, first_delay interval, max_delay interval, lease interval)
language sql immutable
as $$ select 200, 12, interval '5 seconds', interval '1 hour', interval '60 seconds' $$;

-- The delay before attempt `attempts` + 1: doubling from 5 s up to 1 h, with "equal jitter"
-- (half fixed, half random) so drainers that failed together do not retry together.
create function private.sheets_retry_delay(attempts integer) returns interval
language sql volatile
set search_path = ''
as $$
  select d * (0.5 + random() / 2)
  from (select least(r.max_delay, r.first_delay * power(2, greatest(attempts - 1, 0))) as d from private.sheets_sync_rules() r) delay
$$;

-- What the drainer last saw, for the status page: when it ran, why it waited, the last error and
-- the last reconcile. One row.
create table private.sheets_sync_state (
  id boolean primary key default true constraint sheets_sync_state_single check (id),
  last_drain_at timestamptz,
  waiting_reason text,
  last_error text,
  last_error_at timestamptz,
  last_reconcile_at timestamptz,
  last_reconcile jsonb
);
insert into private.sheets_sync_state default values;

-- Signatures the inbound webhook has accepted in the last minutes: the same one twice is a replay.
create table private.sheets_webhook_signatures (
  signature text primary key,
  seen_at timestamptz not null default now()
);

-- Takes the next batch for one drainer: undelivered, living, due events no other drainer holds,
-- in order, and none whose dispatch has an earlier event that is not in this batch and not yet
-- delivered (held elsewhere, waiting for its retry, or dead): a later event never overtakes an
-- earlier one. IMPORTANT: claims are serialised by an advisory lock, so a drainer's check sees
-- the leases another drainer just took; FOR UPDATE SKIP LOCKED alone would let two drainers
-- take two events of one dispatch and deliver them out of order.
create function private.claim_sheets_events()
returns table (event_id uuid, seq bigint, row_id uuid, action text, payload jsonb, attempts integer, lease uuid)
language plpgsql
set search_path = ''
as $$
declare
  rules record;
  new_lease uuid := gen_random_uuid();
begin
  select * into rules from private.sheets_sync_rules();
  perform pg_advisory_xact_lock(hashtext('deskops.sheets_outbox.claim'));
  return query
    with batch as (
      select o.event_id from public.sheets_outbox o
       where o.delivered_at is null and o.dead_at is null and o.next_attempt_at <= now()
         and (o.leased_until is null or o.leased_until < now())
         and not exists (
           select from public.sheets_outbox e
            where e.row_id = o.row_id and e.seq < o.seq and e.delivered_at is null
              and (e.dead_at is not null or e.next_attempt_at > now() or e.leased_until >= now()))
       order by o.seq
       limit rules.batch_size
       for update skip locked)
    update public.sheets_outbox o
       set lease = new_lease, leased_until = now() + rules.lease, attempts = o.attempts + 1
      from batch where o.event_id = batch.event_id
    returning o.event_id, o.seq, o.row_id, o.action, o.payload, o.attempts, o.lease;
end
$$;

-- Settles a batch: the events the script acknowledged are delivered; the others wait for their
-- retry, or are dead after the last attempt, with the error. Only events this lease still holds.
create function private.settle_sheets_events(held_lease uuid, delivered uuid[], error text) returns integer
language plpgsql
set search_path = ''
as $$
declare
  rules record;
  settled integer;
begin
  select * into rules from private.sheets_sync_rules();
  update public.sheets_outbox o
     set delivered_at = now(), lease = null, leased_until = null, last_error = null
   where o.lease = held_lease and o.event_id = any (delivered);
  get diagnostics settled = row_count;
  update public.sheets_outbox o
     set lease = null, leased_until = null, last_error = coalesce(error, 'The sheet did not apply this event'),
         dead_at = case when o.attempts >= rules.max_attempts then now() end,
         next_attempt_at = now() + private.sheets_retry_delay(o.attempts)
   where o.lease = held_lease and not (o.event_id = any (delivered));
  update private.sheets_sync_state
     set last_drain_at = now(), waiting_reason = null,
         last_error = coalesce(error, last_error), last_error_at = case when error is not null then now() else last_error_at end;
  return settled;
end
$$;

-- Delivered events are kept a week (what the status page counts), then dropped.
create function private.prune_sheets_outbox() returns integer
language sql
set search_path = ''
as $$
  with pruned as (delete from public.sheets_outbox o where o.delivered_at < now() - interval '7 days' returning 1)
  select count(*)::integer from pruned
$$;

-- The drainer ran; with the reason events wait (no web app URL, say), or null when it can deliver.
create function private.note_sheets_run(waiting text) returns void
language sql
set search_path = ''
as $$ update private.sheets_sync_state set last_drain_at = now(), waiting_reason = waiting $$;

-- True the first time a signature is seen; signatures older than the webhook accepts are dropped.
create function private.remember_sheets_signature(signature text, max_age interval) returns boolean
language plpgsql
set search_path = ''
as $$
begin
  delete from private.sheets_webhook_signatures s where s.seen_at < now() - max_age * 2;
  insert into private.sheets_webhook_signatures (signature) values (remember_sheets_signature.signature)
    on conflict do nothing;
  return found;
end
$$;

-- The webhook's enqueue (seed 000's body): a re-send of these dispatches as they are now, or their
-- removal if they are gone. The sheet gets the database's rows, never the caller's copy of them.
create function private.enqueue_sheets_resend(dispatch_ids uuid[], removal boolean) returns integer
language plpgsql
set search_path = ''
as $$
declare
  queued integer;
begin
  if removal then
    insert into public.sheets_outbox (row_id, action, payload)
    select i.id, 'delete', jsonb_build_object('id', i.id)
      from unnest(dispatch_ids) i (id)
     where not exists (select from public.dispatches d where d.id = i.id);
  else
    insert into public.sheets_outbox (row_id, action, payload)
    select d.id, 'update', to_jsonb(d) from public.dispatches d where d.id = any (dispatch_ids) order by d.created_at, d.row_no;
  end if;
  get diagnostics queued = row_count;
  return queued;
end
$$;

-- Admins and managers watch the sync; the sheet mirrors every site, so they see its totals.
create function private.may_operate_sheets() returns boolean
language sql stable security definer
set search_path = ''
as $$ select private.is_admin() or cardinality(private.managed_site_ids()) > 0 $$;

create function public.sheets_sync_status() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_operate_sheets() then
    raise exception 'Only admins and managers see the Sheets sync' using errcode = '42501';
  end if;
  return (
    select jsonb_build_object(
      'delivered', (select count(*) from public.sheets_outbox o where o.delivered_at is not null),
      'pending', (select count(*) from public.sheets_outbox o where o.delivered_at is null and o.dead_at is null and o.attempts = 0),
      'failed', (select count(*) from public.sheets_outbox o where o.delivered_at is null and o.dead_at is null and o.attempts > 0),
      'dead', (select count(*) from public.sheets_outbox o where o.dead_at is not null and o.delivered_at is null),
      'oldestPendingAt', (select min(o.created_at) from public.sheets_outbox o where o.delivered_at is null and o.dead_at is null),
      'nextAttemptAt', (select min(o.next_attempt_at) from public.sheets_outbox o where o.delivered_at is null and o.dead_at is null),
      'lastDeliveredAt', (select max(o.delivered_at) from public.sheets_outbox o where o.delivered_at is not null),
      'lastDrainAt', s.last_drain_at,
      'waitingReason', s.waiting_reason,
      'lastError', s.last_error,
      'lastErrorAt', s.last_error_at,
      'lastReconcileAt', s.last_reconcile_at,
      'lastReconcile', s.last_reconcile)
    from private.sheets_sync_state s);
end
$$;

-- Dead events get their attempts back and are due now; the count re-queued.
create function public.replay_dead_sheets_events() returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  replayed integer;
begin
  if not private.may_operate_sheets() then
    raise exception 'Only admins and managers may replay Sheets events' using errcode = '42501';
  end if;
  update public.sheets_outbox o set dead_at = null, attempts = 0, next_attempt_at = now()
   where o.dead_at is not null and o.delivered_at is null;
  get diagnostics replayed = row_count;
  return replayed;
end
$$;

-- Every dispatch of a date range the caller may see, queued as an upsert: the sheet gains the
-- rows it misses and corrects the others, and running it twice changes nothing there.
create function public.backfill_sheets(date_from date, date_to date) returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  queued integer;
begin
  if not private.may_operate_sheets() then
    raise exception 'Only admins and managers may backfill the sheet' using errcode = '42501';
  end if;
  insert into public.sheets_outbox (row_id, action, payload)
  select d.id, 'update', to_jsonb(d) from public.dispatches d
   where d.dispatch_date between date_from and date_to
     and (private.is_admin() or d.site_id = any (private.managed_site_ids()))
   order by d.dispatch_date, d.created_at, d.row_no;
  get diagnostics queued = row_count;
  return queued;
end
$$;

revoke execute on function public.sheets_sync_status(), public.replay_dead_sheets_events(), public.backfill_sheets(date, date) from public, anon;
grant execute on function public.sheets_sync_status(), public.replay_dead_sheets_events(), public.backfill_sheets(date, date) to authenticated;

-- The sheet's own user: edits made in the sheet are made by it (the audit log and the live feed
-- name it). It has no password and an address nobody receives mail at, so nobody signs in as it.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change
) values (
  '00000000-0000-0000-0000-000000000000', '5ee75000-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
  'google-sheets@deskops.invalid', '', '{"provider": "email", "providers": ["email"]}'::jsonb,
  '{"first_name": "Google", "last_name": "Sheets", "ops_id": "SHEETS-SYNC"}'::jsonb, now(), now(), '', '', '', ''
);

create function private.sheets_actor_id() returns uuid
language sql immutable
as $$ select '5ee75000-0000-4000-8000-000000000001'::uuid $$;

-- An edit made in the sheet's Status or Remarks column, applied as the sheet's user through the
-- same rules as the app (the status lifecycle trigger, the remarks length). The answer says
-- whether it was applied and, if not, why, in words the sheet shows in a note.
create function private.apply_sheet_edit(dispatch_id uuid, field text, value text) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  current_status text;
begin
  perform set_config('request.jwt.claims', jsonb_build_object('sub', private.sheets_actor_id(), 'role', 'service_role')::text, true);
  select d.status into current_status from public.dispatches d where d.id = dispatch_id for update;
  if not found then
    return jsonb_build_object('applied', false, 'message', 'This dispatch is no longer in DeskOps; the sheet will drop the row.');
  end if;
  if field = 'status' then
    if value = current_status then
      return jsonb_build_object('applied', true);
    end if;
    if value not in ('pending', 'ongoing', 'completed', 'cancelled') then
      return jsonb_build_object('applied', false, 'message', format('"%s" is not a status: use pending, ongoing, completed or cancelled.', value));
    end if;
    update public.dispatches d set status = value where d.id = dispatch_id;
  elsif field = 'remarks' then
    update public.dispatches d set remarks = nullif(value, '') where d.id = dispatch_id;
  else
    return jsonb_build_object('applied', false, 'message', 'DeskOps owns this column: change it in DeskOps and the sheet follows.');
  end if;
  return jsonb_build_object('applied', true);
exception
  when check_violation then
    return jsonb_build_object('applied', false, 'message', case
      when field = 'status' then format('A %s dispatch cannot become %s: the order is pending → ongoing → completed, or cancelled before completion.', current_status, value)
      else 'Remarks hold at most 1,000 characters.' end);
end
$$;

-- Reconcile: the sheet as the script read it (Code.gs snapshot_: seed 000's fields by name) against
-- dispatches. Every drift is repaired through the outbox, in order with everything else: a
-- dispatch the sheet lacks or holds differently is sent again, a row whose dispatch is gone is
-- deleted, a dispatch the sheet holds twice is sent again (the script keeps one row per id).
-- Dispatches with events still on their way are left to them. The report is kept for the status.
create function private.reconcile_sheet(snapshot jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  report jsonb;
begin
  create temporary table sheet_rows on commit drop as
    select s.value ->> 'id' as id, s.value as row from jsonb_array_elements(snapshot) s;
  create temporary table drift on commit drop as
    with in_flight as (select distinct o.row_id from public.sheets_outbox o where o.delivered_at is null),
    sheet as (select r.id, (array_agg(r.row))[1] as row, count(*) as copies from sheet_rows r group by r.id),
    compared as (
      select coalesce(d.id::text, s.id) as id,
             case
               when d.id is null then 'extra'
               when s.id is null then 'missing'
               when s.copies > 1 then 'duplicated'
               when (date_trunc('milliseconds', d.created_at), coalesce(d.cluster, ''), coalesce(d.processor, ''), coalesce(d.station, ''),
                     coalesce(d.region, ''), coalesce(d.dock_number, ''), coalesce(d.lh_trip, ''), coalesce(d.plate_number, ''),
                     coalesce(d.fleet_size, ''), d.status, coalesce(d.remarks, ''), coalesce(d.created_by::text, ''))
                    is distinct from
                    (nullif(s.row ->> 'created_at', '')::timestamptz, s.row ->> 'cluster', s.row ->> 'processor', s.row ->> 'station',
                     s.row ->> 'region', s.row ->> 'dock_number', s.row ->> 'lh_trip', s.row ->> 'plate_number',
                     s.row ->> 'fleet_size', s.row ->> 'status', s.row ->> 'remarks', s.row ->> 'user_id')
                 then 'different'
             end as kind
        from public.dispatches d
        full join sheet s on s.id = d.id::text
       where coalesce(d.id::text, s.id) not in (select f.row_id::text from in_flight f))
    select c.id, c.kind from compared c where c.kind is not null;

  insert into public.sheets_outbox (row_id, action, payload)
  select d.id, 'update', to_jsonb(d) from public.dispatches d join drift on drift.id = d.id::text and drift.kind <> 'extra'
  order by d.created_at, d.row_no;
  insert into public.sheets_outbox (row_id, action, payload)
  select drift.id::uuid, 'delete', jsonb_build_object('id', drift.id) from drift
   where drift.kind = 'extra' and drift.id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

  report := jsonb_build_object(
    'at', now(),
    'sheetRows', (select count(*) from sheet_rows),
    'dispatches', (select count(*) from public.dispatches),
    'missing', (select count(*) from drift where kind = 'missing'),
    'different', (select count(*) from drift where kind = 'different'),
    'duplicated', (select count(*) from drift where kind = 'duplicated'),
    'extra', (select count(*) from drift where kind = 'extra'),
    'repaired', (select count(*) from drift),
    'examples', coalesce((select jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind)) from (select * from drift order by kind, id limit 10) e), '[]'::jsonb));
  update private.sheets_sync_state set last_reconcile_at = now(), last_reconcile = report;
  return report;
end
$$;
