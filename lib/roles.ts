// What a person may do where, as the pages ask it. RLS in the database decides for real; these
// rules only decide which controls a page shows, and mirror the policies
// (supabase/README.md): a page never offers what the database would refuse.
import { DISPATCH_TRANSITIONS, isDispatchStatus, type DispatchStatus, type SiteRole } from "@/lib/constants";

export type Role = SiteRole | "admin";

export interface Membership {
  siteId: string;
  role: Role;
}

export interface Actor {
  id: string;
  isAdmin: boolean;
  memberships: readonly Membership[];
}

export function roleAt(actor: Actor, siteId: string): Role | null {
  if (actor.isAdmin) return "admin";
  return actor.memberships.find((membership) => membership.siteId === siteId)?.role ?? null;
}

/** Managers, operators and admins log rows at a site; viewers only read. */
export function canCreateAt(actor: Actor, siteId: string): boolean {
  const role = roleAt(actor, siteId);
  return role === "admin" || role === "manager" || role === "operator";
}

/** Managers and admins change and delete any row of a site. */
export function canManage(actor: Actor, siteId: string): boolean {
  const role = roleAt(actor, siteId);
  return role === "admin" || role === "manager";
}

export interface DispatchLike {
  site_id: string;
  created_by: string | null;
  status: string;
}

/** The statuses a person may move a dispatch to: its lifecycle's next steps, if they may change it at all. */
export function nextStatuses(actor: Actor, dispatch: DispatchLike): DispatchStatus[] {
  const lifecycle = isDispatchStatus(dispatch.status) ? DISPATCH_TRANSITIONS[dispatch.status] : [];
  if (canManage(actor, dispatch.site_id)) return [...lifecycle];
  // Operators change their own dispatches while they are pending.
  const ownPending = dispatch.created_by === actor.id && dispatch.status === "pending" && canCreateAt(actor, dispatch.site_id);
  return ownPending ? [...lifecycle] : [];
}

export const canDeleteDispatch = (actor: Actor, dispatch: DispatchLike) => canManage(actor, dispatch.site_id);

/** Anyone who may change a dispatch may edit its remarks. */
export const canEditRemarks = (actor: Actor, dispatch: DispatchLike) =>
  canManage(actor, dispatch.site_id) || (dispatch.created_by === actor.id && dispatch.status === "pending" && canCreateAt(actor, dispatch.site_id));
