-- Export jobs (seed 001): a queue table the export worker claims jobs from, and the audit of
-- every file handed out. Users see their own jobs; the worker acts with the service role.

create table public.export_jobs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  site_id uuid not null references public.sites (id) on delete cascade,
  module text not null
    constraint export_jobs_module_valid check (module in ('production', 'dispatch', 'received', 'equipment', 'manpower', 'inventory')),
  format text not null constraint export_jobs_format_valid check (format in ('xlsx', 'csv', 'pdf')),
  date_from date not null,
  date_to date not null,
  granularity text not null default 'daily'
    constraint export_jobs_granularity_valid check (granularity in ('daily', 'weekly', 'monthly')),
  status text not null default 'pending'
    constraint export_jobs_status_valid check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled')),
  progress integer not null default 0 constraint export_jobs_progress_range check (progress between 0 and 100),
  file_path text,
  file_size bigint constraint export_jobs_file_size_nonnegative check (file_size >= 0),
  file_hash text,
  download_url text,
  expires_at timestamptz,
  error_message text,
  attempts integer not null default 0 constraint export_jobs_attempts_nonnegative check (attempts >= 0),
  locked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint export_jobs_date_range check (date_from <= date_to),
  constraint export_jobs_completed_has_file check (status <> 'completed' or (file_path is not null and progress = 100))
);
comment on table public.export_jobs is 'Report exports requested by users; claimed with FOR UPDATE SKIP LOCKED by the export worker.';
create index export_jobs_user_created_idx on public.export_jobs (user_id, created_at desc);
create index export_jobs_site_id_idx on public.export_jobs (site_id);
create index export_jobs_queue_idx on public.export_jobs (created_at) where status in ('pending', 'processing');
create trigger export_jobs_set_updated_at before update on public.export_jobs
  for each row execute function private.set_updated_at();

create table public.export_audit (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null unique references public.export_jobs (id) on delete cascade,
  site_id uuid not null references public.sites (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  module text not null
    constraint export_audit_module_valid check (module in ('production', 'dispatch', 'received', 'equipment', 'manpower', 'inventory')),
  filters_json jsonb not null default '{}'::jsonb,
  record_count integer not null default 0 constraint export_audit_record_count_nonnegative check (record_count >= 0),
  file_size bigint not null default 0 constraint export_audit_file_size_nonnegative check (file_size >= 0),
  file_hash text not null default '',
  download_count integer not null default 0 constraint export_audit_download_count_nonnegative check (download_count >= 0),
  last_download timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.export_audit is 'One row per exported file: what was exported, its SHA-256, and how often it was downloaded.';
create index export_audit_site_id_idx on public.export_audit (site_id);
create index export_audit_user_id_idx on public.export_audit (user_id);

alter table public.export_jobs enable row level security;
create policy "Export jobs are read by their owner and admins" on public.export_jobs
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy "Export jobs are requested for a readable site" on public.export_jobs
  for insert to authenticated
  with check (user_id = (select auth.uid()) and status = 'pending' and site_id = any ((select private.readable_site_ids())::uuid[]));
create policy "Export jobs are cancelled by their owner and admins" on public.export_jobs
  for update to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()))
  with check ((user_id = (select auth.uid()) and status in ('pending', 'cancelled')) or (select private.is_admin()));
create policy "Export jobs are deleted by their owner and admins" on public.export_jobs
  for delete to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));

alter table public.export_audit enable row level security;
create policy "Export audit is read by the exporter, site managers and admins" on public.export_audit
  for select to authenticated
  using (user_id = (select auth.uid()) or site_id = any ((select private.managed_site_ids())::uuid[]));

-- Export progress is live in the browser.
alter publication supabase_realtime add table public.export_jobs;
