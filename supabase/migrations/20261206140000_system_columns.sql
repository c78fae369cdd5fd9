-- What the database owns in an operational row stays as the database wrote it: users (through the
-- app or straight at PostgREST) update only the other columns. Before, an operator could rewrite
-- the created_at, batch_id and row_no of their own rows, and move a row's created_by.
-- Column privileges, not a trigger: PostgREST refuses the update whole (42501, the app's 403).
create function private.system_columns() returns text[]
language sql immutable
as $$ select array['id', 'site_id', 'created_at', 'created_by', 'batch_id', 'row_no'] $$;

do $$
declare
  target regclass;
  allowed text;
begin
  foreach target in array array['public.dispatches', 'public.production', 'public.received_materials',
                                'public.equipment_logs', 'public.manpower_logs', 'public.inventory_entries']::regclass[] loop
    select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into allowed
      from pg_catalog.pg_attribute a
     where a.attrelid = target and a.attnum > 0 and not a.attisdropped
       and a.attname <> all (private.system_columns());
    execute format('revoke update on %s from authenticated', target);
    execute format('grant update (%s) on %s to authenticated', allowed, target);
  end loop;
end
$$;
