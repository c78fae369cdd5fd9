-- A new user's ops_id (the operator id people see on every row) comes from the database, or from
-- app_metadata, which only an admin can set (the service role: an invitation or createUser).
-- It used to come from user_metadata, which whoever signs up writes: anyone could squat future
-- ids, and a taken one made the sign-up fail with a 500 (issue 16).
create or replace function private.create_profile_for_new_user() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, ops_id, first_name, last_name)
  values (
    new.id,
    coalesce(
      nullif(new.raw_app_meta_data ->> 'ops_id', ''),
      'OPS-' || lpad(nextval('public.profiles_ops_number_seq')::text, 5, '0')
    ),
    new.raw_user_meta_data ->> 'first_name',
    new.raw_user_meta_data ->> 'last_name'
  );
  return new;
end
$$;
