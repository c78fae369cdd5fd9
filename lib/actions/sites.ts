// The sites page's changes (admins), on the same queries and schemas as POST /api/sites.
import "server-only";
import { runAction } from "@/lib/actions/run";
import { PAGES } from "@/lib/navigation";
import { createSite, removeSiteMember, setSiteMember, updateSite } from "@/lib/queries/sites";
import { createSiteSchema, removeSiteMemberSchema, siteMemberSchema, updateSiteSchema } from "@/lib/validations/sites";

const SITE_PAGES = [PAGES.sites, PAGES.dashboard];

export function createSiteAction(input: unknown) {
  return runAction("create site", SITE_PAGES, async (supabase) => ({ site: await createSite(supabase, createSiteSchema.parse(input)) }));
}

export function updateSiteAction(input: unknown) {
  return runAction("update site", SITE_PAGES, async (supabase) => {
    const { siteId, isActive, ...details } = updateSiteSchema.parse(input);
    await updateSite(supabase, siteId, { ...details, ...(isActive === undefined ? {} : { is_active: isActive }) });
    return {};
  });
}

export function setSiteMemberAction(input: unknown) {
  return runAction("set site member", SITE_PAGES, async (supabase) => {
    await setSiteMember(supabase, siteMemberSchema.parse(input));
    return {};
  });
}

export function removeSiteMemberAction(input: unknown) {
  return runAction("remove site member", SITE_PAGES, async (supabase) => {
    await removeSiteMember(supabase, removeSiteMemberSchema.parse(input));
    return {};
  });
}
