// Above a site log's list: the grid to add rows (one or hundreds), for those who may add them,
// with the catalogue its lookup column needs.
import { cache } from "react";
import { LogGrid } from "@/components/logs/log-grid";
import { todayIn } from "@/lib/dates";
import type { LogGridName } from "@/lib/grid/modules";
import type { Catalogue } from "@/lib/grid/validate";
import { LOG_PAGES, withSite } from "@/lib/navigation";
import { lookup } from "@/lib/queries/lookups";
import type { ViewerSite } from "@/lib/queries/viewer";
import { getViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

const TABLES = { production: "production", received: "received_materials", equipment: "equipment_logs", manpower: "manpower_logs" } as const;

/**
 * What a log's lookup column is chosen from (materials, the site's machines, roles). Cached for
 * the render: the grid above a log and the edit buttons in its table both need it.
 */
export const catalogueFor = cache(async (log: LogGridName, siteId: string): Promise<Catalogue> => {
  const supabase = await createClient();
  if (log === "equipment") {
    const machines = await lookup(supabase, "equipment", { siteId });
    return { equipment: machines.map((machine) => ({ id: machine.id, name: machine.name, code: "code" in machine ? machine.code : undefined })) };
  }
  if (log === "manpower") return { roles: await lookup(supabase, "manpower-roles", {}) };
  return { materials: await lookup(supabase, "materials", {}) };
});

export async function LogEntry({ log, site, title }: { log: LogGridName; site: ViewerSite; title: string }) {
  if (site.role === "viewer") return null;
  const [viewer, catalogue] = await Promise.all([getViewer(), catalogueFor(log, site.id)]);
  if (!viewer) return null;
  return (
    <section aria-label={title} className="grid min-w-0 grid-cols-1 gap-2">
      <h2 className="text-sm font-medium">{title}</h2>
      <LogGrid log={log} siteId={site.id} today={todayIn(site.timezone)} catalogue={catalogue} userId={viewer.id} listHref={withSite(LOG_PAGES[TABLES[log]], site.code)} />
    </section>
  );
}
