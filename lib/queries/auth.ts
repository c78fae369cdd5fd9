// Who is signed in, from the session in the request's cookies. getClaims() verifies the access
// token locally when the project signs with asymmetric keys (ES256 here and on new projects).
import type { Supabase } from "@/lib/supabase/types";

export interface SessionUser {
  id: string;
  email: string | null;
}

export async function sessionUser(supabase: Supabase): Promise<SessionUser | null> {
  const { data } = await supabase.auth.getClaims();
  const claims = data?.claims;
  if (!claims?.sub) return null;
  return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null };
}
