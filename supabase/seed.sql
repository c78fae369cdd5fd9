-- Local development data. Runs once, on a fresh database, after the migrations
-- (`npm run stack -- --reset` or `supabase db reset`). Never run it against a hosted project:
-- the passwords below are public.

-- The four local users, one per role, password `deskops-local`. Inserted as Supabase's own
-- seeds insert users: a bcrypt hash from pgcrypto and an email identity.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change
)
select
  '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
  extensions.crypt('deskops-local', extensions.gen_salt('bf', 10)), now(),
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  jsonb_build_object('first_name', u.first_name, 'last_name', u.last_name),
  now(), now(), '', '', '', ''
from (values
  ('a0000000-0000-4000-8000-000000000001'::uuid, 'admin@deskops.local', 'Ada', 'Admin'),
  ('a0000000-0000-4000-8000-000000000002'::uuid, 'manager@deskops.local', 'Mona', 'Manager'),
  ('a0000000-0000-4000-8000-000000000003'::uuid, 'operator@deskops.local', 'Otto', 'Operator'),
  ('a0000000-0000-4000-8000-000000000004'::uuid, 'viewer@deskops.local', 'Vera', 'Viewer')
) as u (id, email, first_name, last_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true), 'email', now(), now(), now()
from auth.users
where email like '%@deskops.local';
