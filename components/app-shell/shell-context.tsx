"use client";

// What every part of the shell needs to know: who is signed in, the sites they see and the one
// selected (from the URL), and the pages they may open.
import { createContext, useContext } from "react";
import { useSearchParams } from "next/navigation";
import type { NavItem } from "@/lib/navigation";
import type { AccessToken } from "@/lib/queries/auth";
import type { Role } from "@/lib/roles";
import { selectedSite } from "@/lib/site-selection";

export interface ShellSite {
  id: string;
  code: string;
  name: string;
  timezone: string;
  role: Role;
}

export interface ShellUser {
  id: string;
  name: string;
  email: string | null;
  opsId: string;
  isAdmin: boolean;
  sites: ShellSite[];
}

export interface Shell {
  user: ShellUser;
  navItems: NavItem[];
  /** What the browser's Realtime connection starts with (RealtimeSession renews it). */
  accessToken: AccessToken | null;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error("useShell is only available inside the app shell.");
  return shell;
}

/** The site the URL selects (null: all sites, for admins). */
export function useSelectedSite(): ShellSite | null {
  const { user } = useShell();
  const code = useSearchParams().get("site");
  return selectedSite(user.sites, user.isAdmin, code);
}

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", manager: "Manager", operator: "Operator", viewer: "Viewer" };

export const initialsOf = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
