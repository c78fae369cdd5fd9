-- A per-user allowance of writes (issue 16: one user sent 6,000 requests and none was refused).
-- A token bucket per user, kept in Postgres so every app instance shares it: a burst of 120
-- writes, then 5 a second. A bulk batch of 5,000 rows is one write. The app spends a token before
-- each write request (lib/api/handler.ts, lib/actions/run.ts), in its own short transaction, so
-- no lock is held while the write itself runs.

create table private.write_allowances (
  user_id uuid primary key references auth.users (id) on delete cascade,
  tokens double precision not null,
  refreshed_at timestamptz not null default clock_timestamp()
);
comment on table private.write_allowances is 'Each user''s token bucket of writes: private.write_rate_rules() says how large and how fast it refills.';

create function private.write_rate_rules(out burst integer, out per_second double precision)
language sql immutable
set search_path = ''
as $$
  select 120, 5.0
$$;

-- A user that writes for a machine (an integration, a benchmark) may be given more, with SQL, by
-- whoever runs the database.
create table private.write_allowance_overrides (
  user_id uuid primary key references auth.users (id) on delete cascade,
  burst integer not null constraint write_allowance_overrides_burst_positive check (burst > 0),
  per_second double precision not null constraint write_allowance_overrides_rate_positive check (per_second > 0)
);
comment on table private.write_allowance_overrides is 'A larger allowance of writes for a user that writes for a machine; set with SQL.';

-- Spends one write; when none is left, refuses with PT429 (PostgREST answers 429) and says in
-- detail how many seconds until the next one, for the Retry-After header.
create function public.take_write_token() returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  rules record;
  left_after double precision;
  wait_seconds integer;
begin
  if caller is null then
    raise exception 'Sign in to continue.' using errcode = '42501';
  end if;
  select o.burst, o.per_second into rules from private.write_allowance_overrides o where o.user_id = caller;
  if not found then
    rules := private.write_rate_rules();
  end if;
  insert into private.write_allowances as a (user_id, tokens, refreshed_at)
  values (caller, rules.burst - 1, clock_timestamp())
  on conflict (user_id) do update set
    tokens = least(rules.burst, a.tokens + extract(epoch from clock_timestamp() - a.refreshed_at) * rules.per_second) - 1,
    refreshed_at = clock_timestamp()
  returning tokens into left_after;
  if left_after < 0 then
    wait_seconds := ceil(-left_after / rules.per_second);
    -- The refusal rolls back the spend: only writes that happen use the allowance.
    raise exception 'Too many changes in a short time; wait % s and try again.', wait_seconds
      using errcode = 'PT429', detail = jsonb_build_object('retryAfterSeconds', wait_seconds)::text;
  end if;
end
$$;
comment on function public.take_write_token() is 'Spends one of the caller''s writes (a token bucket: 120 at once, then 5 a second); 429 when none is left.';
revoke execute on function public.take_write_token() from public, anon;
grant execute on function public.take_write_token() to authenticated;
