-- Atomic, idempotent bulk inserts: up to 5,000 rows in one transaction, all or nothing. A retry
-- with the same batch_id inserts nothing and returns the rows of the first call. One generic
-- mechanism (private.insert_batch) behind one thin function per table.

-- Columns a caller may set in a batch row: everything except what the database owns.
create function private.batch_columns(target regclass) returns text[]
language sql stable
set search_path = ''
as $$
  select array_agg(a.attname::text order by a.attnum)
  from pg_catalog.pg_attribute a
  where a.attrelid = target and a.attnum > 0 and not a.attisdropped
    and a.attgenerated = '' and a.attidentity = ''
    and a.attname not in ('id', 'batch_id', 'row_no', 'created_by', 'created_at', 'updated_at', 'completed_at')
$$;

-- The columns a constraint or unique index covers, for error messages.
create function private.constraint_columns(target regclass, constraint_name text) returns text
language sql stable
set search_path = ''
as $$
  select coalesce(
    (select string_agg(a.attname, ', ' order by array_position(c.conkey, a.attnum))
       from pg_catalog.pg_constraint c
       join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.conrelid = target and c.conname = constraint_name),
    (select string_agg(a.attname, ', ' order by array_position(x.indkey::int2[], a.attnum))
       from pg_catalog.pg_class i
       join pg_catalog.pg_index x on x.indexrelid = i.oid
       join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = any (x.indkey)
      where x.indrelid = target and i.relname = constraint_name)
  )
$$;

-- INSERT ... SELECT for a batch ($1: the rows, $2: batch id, $3: row number offset). A key absent
-- from a row takes the column's default, as a plain INSERT would.
create function private.batch_insert_sql(target regclass) returns text
language sql stable
set search_path = ''
as $$
  select format(
    'insert into %s (%s, batch_id, row_no) select %s, $2, (t.ord + $3)::integer '
    'from jsonb_array_elements($1) with ordinality as t(elem, ord) '
    'cross join lateral jsonb_populate_record(null::%s, t.elem) as r',
    target,
    string_agg(format('%I', a.attname), ', ' order by a.attnum),
    string_agg(
      format('case when t.elem ? %L then r.%I else %s end', a.attname, a.attname,
             coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), 'null')),
      ', ' order by a.attnum),
    target)
  from pg_catalog.pg_attribute a
  left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where a.attrelid = target and a.attname = any (private.batch_columns(target))
$$;

-- Finds which row (and column) makes a failed batch fail, then raises the original error with
-- them. Only runs on the failure path: rows are inserted one by one, in order, inside a block
-- that is always rolled back, so a row that clashes with an earlier row of the batch is found too.
create function private.raise_batch_error(
  target regclass, rows jsonb, batch uuid, failed_state text, failed_message text, failed_constraint text, failed_column text
) returns void
language plpgsql
set search_path = ''
as $$
declare
  insert_sql text := private.batch_insert_sql(target);
  row_number integer;
  state text := failed_state;
  message text := failed_message;
  constraint_name text := failed_constraint;
  column_name text := failed_column;
  probe_key text;
begin
  begin
    for i in 1 .. jsonb_array_length(rows) loop
      begin
        execute insert_sql using jsonb_build_array(rows -> (i - 1)), batch, i - 1;
      exception when others then
        get stacked diagnostics state = returned_sqlstate, message = message_text,
          constraint_name = constraint_name, column_name = column_name;
        row_number := i;
        exit;
      end;
    end loop;
    raise exception 'deskops: probe finished' using errcode = 'P0002';
  exception when sqlstate 'P0002' then
    null; -- every probe insert is rolled back here
  end;

  if row_number is not null and coalesce(column_name, '') = '' then
    column_name := private.constraint_columns(target, constraint_name);
  end if;
  -- A value of the wrong type names no column: try the row's keys one at a time.
  if row_number is not null and coalesce(column_name, '') = '' and state like '22%' then
    for probe_key in select jsonb_object_keys(rows -> (row_number - 1)) loop
      begin
        execute format('select jsonb_populate_record(null::%s, $1)', target)
          using jsonb_build_object(probe_key, rows -> (row_number - 1) -> probe_key);
      exception when others then
        column_name := probe_key;
        exit;
      end;
    end loop;
  end if;

  raise exception using
    errcode = state,
    message = case when row_number is null then message else format('Row %s: %s', row_number, message) end,
    detail = jsonb_build_object('row', row_number, 'column', nullif(column_name, ''), 'constraint', nullif(constraint_name, ''))::text,
    hint = 'Nothing from this batch was saved. Fix the row and submit the batch again.';
end
$$;

create function private.insert_batch(target regclass, rows jsonb, batch uuid) returns uuid
language plpgsql
set search_path = ''
as $$
declare
  batch_id uuid := coalesce(batch, gen_random_uuid());
  row_count integer;
  bad_row bigint;
  bad_key text;
  allowed_keys text[];
  already_inserted boolean;
  state text;
  message text;
  constraint_name text;
  column_name text;
begin
  if rows is null or jsonb_typeof(rows) <> 'array' then
    raise exception 'rows must be a JSON array of objects' using errcode = '22023';
  end if;
  row_count := jsonb_array_length(rows);
  if row_count < 1 or row_count > 5000 then
    raise exception 'A batch holds 1 to 5000 rows; this one has %', row_count
      using errcode = '22023', detail = jsonb_build_object('rows', row_count)::text;
  end if;

  select t.ord into bad_row from jsonb_array_elements(rows) with ordinality t(elem, ord)
   where jsonb_typeof(t.elem) <> 'object' limit 1;
  if bad_row is not null then
    raise exception 'Row %: must be a JSON object', bad_row
      using errcode = '22023', detail = jsonb_build_object('row', bad_row)::text;
  end if;
  -- IMPORTANT: the column list is read once; calling batch_columns() per key would run a catalog
  -- query for every field of every row.
  allowed_keys := private.batch_columns(target);
  select t.ord, k into bad_row, bad_key
    from jsonb_array_elements(rows) with ordinality t(elem, ord), jsonb_object_keys(t.elem) k
   where k <> all (allowed_keys) order by t.ord limit 1;
  if bad_row is not null then
    raise exception 'Row %: unknown field "%"', bad_row, bad_key
      using errcode = '22023', detail = jsonb_build_object('row', bad_row, 'column', bad_key)::text;
  end if;

  -- Retries of one batch run one after the other; the second finds the first's rows.
  perform pg_advisory_xact_lock(hashtextextended(batch_id::text, 0));
  execute format('select exists (select 1 from %s where batch_id = $1)', target) into already_inserted using batch_id;
  if already_inserted then
    return batch_id;
  end if;

  begin
    execute private.batch_insert_sql(target) using rows, batch_id, 0;
  exception when others then
    get stacked diagnostics state = returned_sqlstate, message = message_text,
      constraint_name = constraint_name, column_name = column_name;
    perform private.raise_batch_error(target, rows, batch_id, state, message, constraint_name, column_name);
  end;
  return batch_id;
end
$$;

revoke all on function private.insert_batch(regclass, jsonb, uuid) from public;
grant execute on function private.batch_columns(regclass), private.constraint_columns(regclass, text),
  private.batch_insert_sql(regclass), private.insert_batch(regclass, jsonb, uuid),
  private.raise_batch_error(regclass, jsonb, uuid, text, text, text, text)
  to authenticated, service_role;

-- One thin, typed function per table, called through PostgREST: rpc('create_dispatch_batch',
-- { rows, batch_id }), made by one template so the five cannot drift apart.
-- IMPORTANT: PostgREST caps a response at max_rows (1000 on Supabase): a caller that needs every
-- row of a larger batch reads them back by batch_id, in pages.
create function private.install_batch_function(name text, target regclass) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format($template$
    create function public.%1$I(rows jsonb, batch_id uuid default null)
    returns setof %2$s
    language plpgsql
    set search_path = ''
    as $body$
    declare
      inserted uuid := private.insert_batch(%2$L, rows, batch_id);
    begin
      return query select t.* from %2$s t where t.batch_id = inserted order by t.row_no;
    end
    $body$
  $template$, name, target);
  execute format('revoke execute on function public.%I(jsonb, uuid) from anon, public', name);
  execute format('comment on function public.%I(jsonb, uuid) is %L', name,
    format('Inserts 1 to 5000 rows into %s in one transaction, all or nothing; a retried batch_id inserts nothing and returns the first call''s rows.', target));
end
$$;

select private.install_batch_function('create_dispatch_batch', 'public.dispatches');
select private.install_batch_function('create_production_batch', 'public.production');
select private.install_batch_function('create_received_batch', 'public.received_materials');
select private.install_batch_function('create_equipment_log_batch', 'public.equipment_logs');
select private.install_batch_function('create_manpower_log_batch', 'public.manpower_logs');
