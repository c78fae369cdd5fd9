-- The live activity feed, as Supabase recommends past a few thousand subscribers: a private
-- Realtime channel per site, topic "site:<site id>", that only the site's members may join (RLS on
-- realtime.messages), fed by the database itself. The feed is the audit log: a statement trigger
-- on audit_log sends one message per site and statement (realtime.send), naming the newest
-- entries, so a 5,000-row batch is one message rather than 5,000 (realtime.broadcast_changes is
-- a per-row function). Members may also share presence (who is online) on their site's channel;
-- nobody but the database broadcasts on it.

create policy "Site members receive their site's channel" on realtime.messages
  for select to authenticated
  using (
    extension in ('broadcast', 'presence')
    and (select realtime.topic()) like 'site:%'
    and split_part((select realtime.topic()), ':', 2) = any ((select private.readable_site_ids())::text[])
  );

create policy "Site members share presence on their site's channel" on realtime.messages
  for insert to authenticated
  with check (
    extension = 'presence'
    and (select realtime.topic()) like 'site:%'
    and split_part((select realtime.topic()), ':', 2) = any ((select private.readable_site_ids())::text[])
  );

-- How many entries one message names; more than that and the feed asks the server for the rest.
create function private.broadcast_site_activity() returns trigger
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
           (select jsonb_agg(jsonb_build_object('id', e.id, 'table', e.table_name, 'action', e.action, 'row_id', e.row_id,
                                                'actor_id', e.actor_id, 'at', e.at) order by e.id desc)
              from (select * from new_rows r where r.site_id = n.site_id order by r.id desc limit 10) e) as newest
      from new_rows n
     where n.site_id is not null
     group by n.site_id
  ) as site;
  return null;
end
$$;

create trigger audit_log_broadcast_site_activity after insert on public.audit_log
  referencing new table as new_rows
  for each statement execute function private.broadcast_site_activity();
