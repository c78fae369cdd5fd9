-- Correcting what was recorded about one site, material and day (PATCH / DELETE /api/inventory/[id]).
-- One call is one transaction, and it runs as the caller, so the inventory_entries policies decide:
-- creators and managers set balances and counts, only managers remove entries.
--
-- `changes` holds the keys to change; a key that is absent is left alone:
--   opening_ton: a number sets the day's opening balance, null removes it;
--   count_ton:   a number sets the day's physical count, null removes it;
--   adjustment_ton: a number makes the day's net adjustment that number by appending the
--     difference (adjustments are a ledger and are never rewritten), null removes them all;
--   notes: kept on every entry this call writes.

-- An update or delete that RLS filtered out touches nothing without an error; tell the caller
-- why. Entries the caller can read but not change are a refusal (42501); an update that found
-- no entry at all is allowed to go on and insert one (the insert policy then decides).
create function private.refuse_if_entry_exists(touched integer, site uuid, material uuid, day date, kind text) returns void
language plpgsql
set search_path = ''
as $$
begin
  if touched > 0 then
    return;
  end if;
  if exists (select 1 from public.inventory_entries e where e.site_id = site and e.material_id = material and e.date = day and e.kind = refuse_if_entry_exists.kind) then
    raise exception 'You cannot change the % recorded for this day', refuse_if_entry_exists.kind using errcode = '42501';
  end if;
end
$$;

create function public.set_inventory_day(site_id uuid, material_id uuid, day date, changes jsonb)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  target_site alias for site_id;
  target_material alias for material_id;
  target_day alias for day;
  balance_kind text;
  current_adjustment numeric;
  touched integer;
  written integer := 0;
begin
  if jsonb_typeof(changes) is distinct from 'object' then
    raise exception 'changes must be a JSON object' using errcode = '22023';
  end if;
  if not exists (select 1 from public.sites s where s.id = target_site) then
    raise exception 'The site was not found' using errcode = 'P0002';
  end if;

  foreach balance_kind in array array['opening', 'count'] loop
    continue when not changes ? (balance_kind || '_ton');
    if changes -> (balance_kind || '_ton') = 'null'::jsonb then
      delete from public.inventory_entries e
      where e.site_id = target_site and e.material_id = target_material and e.date = target_day and e.kind = balance_kind;
      get diagnostics touched = row_count;
      perform private.refuse_if_entry_exists(touched, target_site, target_material, target_day, balance_kind);
      written := written + touched;
    else
      update public.inventory_entries e
      set qty_ton = (changes ->> (balance_kind || '_ton'))::numeric, notes = coalesce(changes ->> 'notes', e.notes), updated_at = now()
      where e.site_id = target_site and e.material_id = target_material and e.date = target_day and e.kind = balance_kind;
      get diagnostics touched = row_count;
      if touched = 0 then
        perform private.refuse_if_entry_exists(0, target_site, target_material, target_day, balance_kind);
        insert into public.inventory_entries (site_id, material_id, date, kind, qty_ton, notes)
        values (target_site, target_material, target_day, balance_kind, (changes ->> (balance_kind || '_ton'))::numeric, changes ->> 'notes');
      end if;
      written := written + 1;
    end if;
  end loop;

  if changes ? 'adjustment_ton' then
    if changes -> 'adjustment_ton' = 'null'::jsonb then
      delete from public.inventory_entries e
      where e.site_id = target_site and e.material_id = target_material and e.date = target_day and e.kind = 'adjustment';
      get diagnostics touched = row_count;
      perform private.refuse_if_entry_exists(touched, target_site, target_material, target_day, 'adjustment');
      written := written + touched;
    else
      select coalesce(sum(e.qty_ton), 0) into current_adjustment from public.inventory_entries e
      where e.site_id = target_site and e.material_id = target_material and e.date = target_day and e.kind = 'adjustment';
      if (changes ->> 'adjustment_ton')::numeric <> current_adjustment then
        insert into public.inventory_entries (site_id, material_id, date, kind, qty_ton, notes)
        values (target_site, target_material, target_day, 'adjustment', (changes ->> 'adjustment_ton')::numeric - current_adjustment, changes ->> 'notes');
        written := written + 1;
      end if;
    end if;
  end if;
  return written;
end
$$;
comment on function public.set_inventory_day(uuid, uuid, date, jsonb) is
  'Sets or removes the opening balance, count and net adjustment recorded for one site, material and day, as the caller (RLS applies); returns how many entries it wrote or removed.';

revoke execute on function public.set_inventory_day(uuid, uuid, date, jsonb) from anon, public;
grant execute on function public.set_inventory_day(uuid, uuid, date, jsonb) to authenticated, service_role;
revoke execute on function private.refuse_if_entry_exists(integer, uuid, uuid, date, text) from anon, public;
grant execute on function private.refuse_if_entry_exists(integer, uuid, uuid, date, text) to authenticated, service_role;

