// The signed-in person as every page needs them: who they are, where they work and as what.
import { fromPostgrest } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import { isSiteRole, type SiteRole } from "@/lib/constants";
import { sessionUser } from "@/lib/queries/auth";
import type { Supabase } from "@/lib/supabase/types";

export interface ViewerSite {
  id: string;
  code: string;
  name: string;
  timezone: string;
  role: Role;
}

export interface Viewer {
  id: string;
  email: string | null;
  opsId: string;
  name: string;
  isAdmin: boolean;
  /** The active sites they can see, with their role at each (admins: every site, as admin). */
  sites: ViewerSite[];
  memberships: Array<{ siteId: string; role: Role }>;
}


/** Null when nobody is signed in. */
export async function loadViewer(supabase: Supabase): Promise<Viewer | null> {
  const user = await sessionUser(supabase);
  if (!user) return null;
  const [profile, memberships, sites] = await Promise.all([
    supabase.from("profiles").select("ops_id, first_name, last_name, is_admin").eq("id", user.id).maybeSingle(),
    supabase.from("site_members").select("site_id, role").eq("user_id", user.id),
    supabase.from("sites").select("id, code, name, timezone").eq("is_active", true).order("name"),
  ]);
  for (const result of [profile, memberships, sites]) if (result.error) throw fromPostgrest(result.error, "Your profile");
  const isAdmin = profile.data?.is_admin ?? false;
  const roles = new Map<string, SiteRole>();
  for (const row of memberships.data ?? []) if (isSiteRole(row.role)) roles.set(row.site_id, row.role);
  const visible = (sites.data ?? []).flatMap((site): ViewerSite[] => {
    const role: Role | undefined = isAdmin ? "admin" : roles.get(site.id);
    return role ? [{ ...site, role }] : [];
  });
  const name = [profile.data?.first_name, profile.data?.last_name].filter(Boolean).join(" ");
  return {
    id: user.id,
    email: user.email,
    opsId: profile.data?.ops_id ?? "",
    name: name || user.email || "You",
    isAdmin,
    sites: visible,
    memberships: visible.map((site) => ({ siteId: site.id, role: site.role })),
  };
}
