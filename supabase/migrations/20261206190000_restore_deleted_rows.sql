-- A manager brings back a row someone deleted, from its audit entry (issue 16: "a row's history
-- from audit_log through the API, and a manager can restore a deleted row from it"). The row comes
-- back whole, with its id, creator, times and batch key, so everything that pointed at it (the
-- Google Sheet's row, links, the history itself) points at it again; every trigger runs as for
-- any insert (audit entry naming the restorer, Sheets outbox, ledger, counters).

create function private.operational_tables() returns regclass[]
language sql immutable
as $$
  select array['public.dispatches', 'public.production', 'public.received_materials',
               'public.equipment_logs', 'public.manpower_logs', 'public.inventory_entries']::regclass[]
$$;

create function public.restore_deleted_row(table_name text, row_id uuid) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  target regclass := to_regclass('public.' || quote_ident(table_name));
  last_entry public.audit_log;
  restored jsonb;
begin
  if target is null or not (array[target] <@ private.operational_tables()) then
    raise exception 'Rows of % cannot be restored', table_name using errcode = '22023';
  end if;
  select a.* into last_entry from public.audit_log a
   where a.table_name = restore_deleted_row.table_name and a.row_id = restore_deleted_row.row_id
   order by a.id desc limit 1;
  -- Only a manager of the row's site (or an admin) may even learn that it existed.
  if last_entry.id is null or not (array[last_entry.site_id] <@ (select private.managed_site_ids())) then
    raise exception 'No deleted row % was found', row_id using errcode = 'P0002';
  end if;
  if last_entry.action <> 'delete' then
    raise exception 'This row was already restored, or was never deleted.' using errcode = '23505';
  end if;
  execute format(
    'insert into %s select * from jsonb_populate_record(null::%s, $1 || jsonb_build_object(''updated_at'', now())) returning to_jsonb(%s.*)',
    target, target, target)
    into restored using last_entry.old_row;
  return restored;
end
$$;
comment on function public.restore_deleted_row(text, uuid) is 'Brings back a deleted operational row from its last audit entry, whole; managers of its site and admins only.';
revoke execute on function public.restore_deleted_row(text, uuid) from anon, public;
grant execute on function public.restore_deleted_row(text, uuid) to authenticated;
