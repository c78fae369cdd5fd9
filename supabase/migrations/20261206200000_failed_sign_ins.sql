-- Failed sign-ins per client address (issue 16: nothing limited password guessing). GoTrue limits
-- per IP address, but DeskOps signs people in from its server, so GoTrue sees one address for
-- everyone: the app asks here before each sign-in and notes each failure. 20 failures from one
-- address within 5 minutes, and that address waits until the oldest of them is 5 minutes old.
create table private.failed_sign_ins (
  id bigint generated always as identity primary key,
  client_address text not null,
  at timestamptz not null default clock_timestamp()
);
comment on table private.failed_sign_ins is 'Failed password sign-ins per client address, kept for private.sign_in_rules() window.';
create index failed_sign_ins_address_at_idx on private.failed_sign_ins (client_address, at);

create function private.sign_in_rules(out max_failures integer, out time_window interval)
language sql immutable
set search_path = ''
as $$
  select 20, interval '5 minutes'
$$;

-- Seconds the address must wait before it may try again; 0: go ahead.
create function public.sign_in_wait_seconds(client_address text) returns integer
language sql stable security definer
set search_path = ''
as $$
  select case when cardinality(x.recent) < r.max_failures then 0
              -- Until enough of the failures have aged out of the window to bring it under the limit.
              else greatest(1, ceil(extract(epoch from x.recent[cardinality(x.recent) - r.max_failures + 1] + r.time_window - clock_timestamp())))::integer
         end
  from private.sign_in_rules() r,
       lateral (select coalesce(array_agg(f.at order by f.at), '{}') as recent from private.failed_sign_ins f
                where f.client_address = sign_in_wait_seconds.client_address and f.at > clock_timestamp() - r.time_window) as x
$$;

create function public.note_failed_sign_in(client_address text) returns void
language sql security definer
set search_path = ''
as $$
  delete from private.failed_sign_ins f where f.at < clock_timestamp() - (select r.time_window from private.sign_in_rules() r);
  insert into private.failed_sign_ins (client_address) values (note_failed_sign_in.client_address);
$$;

comment on function public.sign_in_wait_seconds(text) is 'For the app''s server (service role): seconds a client address must wait before another sign-in.';
comment on function public.note_failed_sign_in(text) is 'For the app''s server (service role): a failed sign-in from a client address.';
revoke execute on function public.sign_in_wait_seconds(text), public.note_failed_sign_in(text) from public, anon, authenticated;
grant execute on function public.sign_in_wait_seconds(text), public.note_failed_sign_in(text) to service_role;
