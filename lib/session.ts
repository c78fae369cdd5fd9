// The signed-in person for pages and layouts, read once per request however many components ask.
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadViewer, type Viewer, type ViewerSite } from "@/lib/queries/viewer";
import { selectedSite } from "@/lib/site-selection";
import { createClient } from "@/lib/supabase/server";

export const getViewer = cache(async (): Promise<Viewer | null> => loadViewer(await createClient()));

/** The viewer, or a trip to /login that comes back to `path`. */
export async function requireViewer(path: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(path)}`);
  return viewer;
}

/** The site a page shows, from its `?site=<code>` (see lib/site-selection.ts). */
export const siteOf = (viewer: Viewer, code: string | undefined): ViewerSite | null => selectedSite(viewer.sites, viewer.isAdmin, code);
