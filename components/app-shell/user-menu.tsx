"use client";

import { useTransition } from "react";
import { ChevronsUpDown, LogOut } from "lucide-react";
import { signOut } from "@/app/actions/sign-out";
import { ROLE_LABELS, initialsOf, useShell } from "@/components/app-shell/shell-context";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** Who is signed in, their role at each site, and signing out. */
export function UserMenu() {
  const { user } = useShell();
  const [signingOut, startSignOut] = useTransition();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-auto w-full justify-start gap-3 px-2 py-2" data-testid="user-menu">
          <Avatar>
            <AvatarFallback>{initialsOf(user.name)}</AvatarFallback>
          </Avatar>
          <span className="min-w-0 flex-1 text-left">
            <span className="block truncate text-sm font-medium">{user.name}</span>
            <span className="block truncate text-xs font-normal text-muted-foreground">{user.email}</span>
          </span>
          <ChevronsUpDown className="opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="w-72">
        <DropdownMenuLabel className="font-normal">
          <span className="block text-sm font-medium">{user.name}</span>
          <span className="block text-xs text-muted-foreground">
            {user.email}
            {user.opsId ? ` · ${user.opsId}` : ""}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuGroup aria-label="Your roles">
          {user.isAdmin ? (
            <p className="px-2 py-1.5 text-xs text-muted-foreground">Admin of every site</p>
          ) : user.sites.length === 0 ? (
            <p className="px-2 py-1.5 text-xs text-muted-foreground">No site yet: ask an admin to add you.</p>
          ) : (
            user.sites.map((site) => (
              <p key={site.id} className="flex items-center justify-between gap-2 px-2 py-1 text-sm" data-testid="site-role">
                <span className="truncate">{site.name}</span>
                <Badge variant="secondary">{ROLE_LABELS[site.role]}</Badge>
              </p>
            ))
          )}
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem disabled={signingOut} onSelect={() => startSignOut(() => signOut())}>
          <LogOut aria-hidden />
          {signingOut ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
