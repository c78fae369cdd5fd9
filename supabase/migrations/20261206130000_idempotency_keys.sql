-- Idempotency as Stripe does it: a batch id (an Idempotency-Key, made per user by the app) answers
-- only the request it was first used for. The same key with another body, another table or another
-- user is refused with PT422 (PostgREST answers 422; the app, IDEMPOTENCY_KEY_REUSED) instead of
-- silently answering the first batch, which lost the second request's rows.

create table private.batch_requests (
  batch_id uuid primary key,
  user_id uuid,
  target regclass not null,
  -- md5 of the rows as jsonb text: key order and spacing do not change it.
  fingerprint text not null,
  created_at timestamptz not null default now()
);
comment on table private.batch_requests is 'Which request each batch id was first used for, so a reused key with another request is refused.';
grant select, insert on private.batch_requests to authenticated, service_role;

create or replace function private.insert_batch(target regclass, rows jsonb, batch uuid) returns uuid
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
  previous record;
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

  -- Retries of one batch run one after the other; the second finds the first's request.
  perform pg_advisory_xact_lock(hashtextextended(batch_id::text, 0));
  execute 'select r.user_id, r.target, r.fingerprint from private.batch_requests r where r.batch_id = $1' into previous using batch_id;
  if previous.fingerprint is not null then
    -- As Stripe does: a key answers only the request it was first used for, and only its user.
    if previous.user_id is distinct from auth.uid() or previous.target <> target or previous.fingerprint <> md5(rows::text) then
      raise exception 'This idempotency key was already used for a different request'
        using errcode = 'PT422', hint = 'Send the same request again to get its answer, or use a new key for a new request.';
    end if;
    return batch_id;
  end if;
  -- A batch from before requests were recorded: its rows are its answer.
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
  execute 'insert into private.batch_requests (batch_id, user_id, target, fingerprint) values ($1, auth.uid(), $2, md5($3::text))'
    using batch_id, target, rows;
  return batch_id;
end
$$;
