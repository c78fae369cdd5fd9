// Which site a page shows, from its `?site=<code>` (kept in the URL so links can be shared).
// Shared by Server Components and the shell's client components.

export interface SelectableSite {
  id: string;
  code: string;
}

/**
 * Admins may look at all sites at once (null); everyone else always has one of theirs selected
 * (their first, when none or one they cannot see is asked for).
 */
export function selectedSite<Site extends SelectableSite>(sites: readonly Site[], isAdmin: boolean, code: string | null | undefined): Site | null {
  const asked = code ? sites.find((site) => site.code.toLowerCase() === code.toLowerCase()) : undefined;
  if (asked) return asked;
  if (isAdmin) return null;
  return sites[0] ?? null;
}

/** The sites a page's queries cover: the selected one, or null for all the user may read. */
export const siteScope = (site: SelectableSite | null): string[] | null => (site ? [site.id] : null);
