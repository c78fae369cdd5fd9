"use client";

// A site's people and their roles. Admins change a role, remove someone or add a person; managers
// read the list.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { UserMinus, UserPlus } from "lucide-react";
import { removeSiteMember } from "@/app/actions/remove-site-member";
import { setSiteMember } from "@/app/actions/set-site-member";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { SITE_ROLES, isSiteRole, type SiteRole } from "@/lib/constants";

export interface Member {
  userId: string;
  role: SiteRole;
  name: string;
  opsId: string;
}

export interface Person {
  id: string;
  name: string;
  opsId: string;
}

const ROLE_LABELS: Record<SiteRole, string> = { manager: "Manager", operator: "Operator", viewer: "Viewer" };

export function SiteMembers({ siteId, siteName, members, people, canEdit }: { siteId: string; siteName: string; members: Member[]; people: Person[]; canEdit: boolean }) {
  const router = useRouter();
  const feedback = useActionFeedback();
  const [pending, startTransition] = useTransition();
  const [newPerson, setNewPerson] = useState("");
  const [newRole, setNewRole] = useState<SiteRole>("operator");
  const candidates = people.filter((person) => !members.some((member) => member.userId === person.id));

  const run = (work: () => ReturnType<typeof setSiteMember>, success: string) =>
    startTransition(async () => {
      if (feedback(await work(), success)) router.refresh();
    });

  return (
    <div className="grid gap-3" data-testid="site-members">
      <div className="rounded-lg border">
        <Table aria-label={`People at ${siteName}`}>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-4">Person</TableHead>
              <TableHead>Ops ID</TableHead>
              <TableHead className="pr-4">Role</TableHead>
              {canEdit ? <TableHead className="w-12 pr-4"><span className="sr-only">Remove</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.length === 0 ? (
              <TableRow>
                <TableCell colSpan={4} className="py-6 text-center text-muted-foreground">
                  Nobody works here yet{canEdit ? ": add the site's manager first." : "."}
                </TableCell>
              </TableRow>
            ) : null}
            {members.map((member) => (
              <TableRow key={member.userId} data-testid="site-member" data-ops-id={member.opsId}>
                <TableCell className="pl-4 font-medium">{member.name}</TableCell>
                <TableCell className="text-muted-foreground">{member.opsId}</TableCell>
                <TableCell className="pr-4">
                  {canEdit ? (
                    <RoleSelect
                      value={member.role}
                      disabled={pending}
                      label={`Role of ${member.name}`}
                      className="w-32"
                      size="sm"
                      onChange={(role) => run(() => setSiteMember({ siteId, userId: member.userId, role }), `${member.name} is now ${ROLE_LABELS[role].toLowerCase()}`)}
                    />
                  ) : (
                    <Badge variant="secondary">{ROLE_LABELS[member.role]}</Badge>
                  )}
                </TableCell>
                {canEdit ? (
                  <TableCell className="pr-4">
                    <Button variant="ghost" size="icon" aria-label={`Remove ${member.name} from ${siteName}`} disabled={pending} onClick={() => run(() => removeSiteMember({ siteId, userId: member.userId }), `${member.name} removed`)}>
                      <UserMinus aria-hidden />
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1.5">
            <Label htmlFor="new-member" className="text-xs text-muted-foreground">
              Person
            </Label>
            <Select value={newPerson} onValueChange={setNewPerson}>
              <SelectTrigger id="new-member" className="w-64">
                <SelectValue placeholder="Choose a person">{candidates.find((person) => person.id === newPerson)?.name}</SelectValue>
              </SelectTrigger>
              <SelectContent>
                {candidates.map((person) => (
                  <SelectItem key={person.id} value={person.id}>
                    {person.name} · {person.opsId}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="new-member-role" className="text-xs text-muted-foreground">
              Role
            </Label>
            <RoleSelect id="new-member-role" value={newRole} className="w-36" onChange={setNewRole} />
          </div>
          <Button
            variant="outline"
            disabled={pending || newPerson === ""}
            onClick={() => {
              const person = candidates.find((candidate) => candidate.id === newPerson);
              setNewPerson("");
              run(() => setSiteMember({ siteId, userId: newPerson, role: newRole }), `${person?.name ?? "They"} added as ${ROLE_LABELS[newRole].toLowerCase()}`);
            }}
          >
            <UserPlus aria-hidden />
            Add to {siteName}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function RoleSelect({ value, onChange, id, label, className, size, disabled }: { value: SiteRole; onChange: (role: SiteRole) => void; id?: string; label?: string; className: string; size?: "sm"; disabled?: boolean }) {
  return (
    <Select value={value} disabled={disabled} onValueChange={(role) => isSiteRole(role) && onChange(role)}>
      <SelectTrigger id={id} size={size} className={className} aria-label={label}>
        <SelectValue>{ROLE_LABELS[value]}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {SITE_ROLES.map((role) => (
          <SelectItem key={role} value={role}>
            {ROLE_LABELS[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
