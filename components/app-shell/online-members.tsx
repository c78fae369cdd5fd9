"use client";

import { initialsOf, useShell } from "@/components/app-shell/shell-context";
import { useOnlineMembers } from "@/hooks/use-site-activity";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

const SHOWN = 4;

/** Who else is looking at these sites right now (presence on the site channels). */
export function OnlineMembers() {
  const { user } = useShell();
  const others = useOnlineMembers().filter((member) => member.userId !== user.id);
  if (others.length === 0) return null;
  const names = others.map((member) => member.name).join(", ");
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span role="group" tabIndex={0} className="hidden items-center rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 sm:flex" aria-label={`Also online: ${names}`} data-testid="online-members">
          {others.slice(0, SHOWN).map((member) => (
            <Avatar key={member.userId} className="-ml-1.5 size-7 border-2 border-background first:ml-0">
              <AvatarFallback className="text-[10px]">{initialsOf(member.name)}</AvatarFallback>
            </Avatar>
          ))}
          {others.length > SHOWN ? <span className="ml-1 text-xs text-muted-foreground">+{others.length - SHOWN}</span> : null}
        </span>
      </TooltipTrigger>
      <TooltipContent>Also online: {names}</TooltipContent>
    </Tooltip>
  );
}
