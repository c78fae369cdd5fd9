import { redirect } from "next/navigation";
import { AppShell } from "@/components/app-shell/app-shell";
import { visibleNavItems } from "@/lib/navigation";
import { currentAccessToken } from "@/lib/queries/auth";
import { getViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

/** Every signed-in page sits in the shell. proxy.ts already sent signed-out visitors to /login. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const managesAnySite = viewer.sites.some((site) => site.role === "manager");
  const shell = {
    user: { id: viewer.id, name: viewer.name, email: viewer.email, opsId: viewer.opsId, isAdmin: viewer.isAdmin, sites: viewer.sites },
    navItems: visibleNavItems(viewer.isAdmin, managesAnySite),
    accessToken: await currentAccessToken(await createClient()),
  };
  return <AppShell shell={shell}>{children}</AppShell>;
}
