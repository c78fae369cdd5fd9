import { History, SearchX, Trash2 } from "lucide-react";
import { PanelActions } from "@/components/dispatch/panel-actions";
import { RemarksEditor } from "@/components/dispatch/remarks-editor";
import { RestoreButton } from "@/components/dispatch/restore-button";
import { StatusBadge } from "@/components/dispatch/status-badge";
import { EmptyState } from "@/components/empty-state";
import { Separator } from "@/components/ui/separator";
import { isDispatchStatus } from "@/lib/constants";
import { creatorName, dispatchName, fieldLabel } from "@/lib/dispatch/labels";
import { ApiError } from "@/lib/errors";
import { formatDateTime, formatDay, formatTonnes } from "@/lib/format";
import { rowHistory, type HistoryEntry } from "@/lib/queries/activity";
import { readDispatchDetails, type DispatchDetails as Details } from "@/lib/queries/dispatch";
import { canEditRemarks, canManage, type Actor } from "@/lib/roles";
import { createClient } from "@/lib/supabase/server";

/**
 * The panel's contents: the dispatch, what may be done with it, its remarks and its history.
 * `siteTimezones` (the viewer's sites) dates a deleted dispatch, of which only the site id is left.
 */
export async function DispatchDetails({ id, actor, siteTimezones }: { id: string; actor: Actor; siteTimezones: Readonly<Record<string, string>> }) {
  const supabase = await createClient();
  const found = await readDispatchDetails(supabase, id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  const history = await rowHistory(supabase, "dispatches", id);
  if (!found) {
    const deletion = history.at(-1);
    if (deletion?.action === "delete") {
      // Its times in its site's zone, as the live panel shows them: the site is known from the audit entry.
      const timezone = deletion.siteId === null ? undefined : siteTimezones[deletion.siteId];
      const canRestore = deletion.siteId !== null && canManage(actor, deletion.siteId);
      return <DeletedDispatch id={id} deletion={deletion} history={history} timezone={timezone} canRestore={canRestore} />;
    }
    return (
      <div className="p-6">
        <EmptyState icon={SearchX} title="This dispatch is gone">
          It was deleted, or it belongs to a site you cannot see.
        </EmptyState>
      </div>
    );
  }
  const timezone = found.site?.timezone;
  return (
    <div className="grid gap-5 p-5 pt-4" data-testid="dispatch-details" data-id={found.id}>
      <div className="grid gap-2 pr-8">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold">{dispatchName(found)}</h2>
          {isDispatchStatus(found.status) ? <StatusBadge status={found.status} /> : null}
        </div>
        <p className="text-sm text-muted-foreground">
          {found.cluster} → {found.processor}
        </p>
      </div>
      <PanelActions row={found} actor={actor} />
      <Fields dispatch={found} timezone={timezone} />
      <Separator />
      {canEditRemarks(actor, found) ? (
        <RemarksEditor key={`${found.id}:${found.remarks ?? ""}`} id={found.id} remarks={found.remarks} />
      ) : (
        <div className="grid gap-1">
          <p className="text-sm font-medium">Remarks</p>
          <p className="text-sm whitespace-pre-wrap text-muted-foreground">{found.remarks || "None."}</p>
        </div>
      )}
      <Separator />
      <HistoryList entries={history} timezone={timezone} />
    </div>
  );
}

/** A deleted dispatch: who deleted it and when, its history, and Restore for a manager of its site. */
function DeletedDispatch({ id, deletion, history, timezone, canRestore }: { id: string; deletion: HistoryEntry; history: HistoryEntry[]; timezone: string | undefined; canRestore: boolean }) {
  return (
    <div className="grid gap-5 p-5 pt-4" data-testid="dispatch-deleted">
      <EmptyState icon={Trash2} title="This dispatch was deleted" action={canRestore ? <RestoreButton table="dispatches" id={id} /> : null}>
        Deleted by {deletion.actor ?? "the system"} · {formatDateTime(deletion.at, timezone)}.{" "}
        {canRestore ? "Restore brings it back as it was, with its history." : "A manager of its site can restore it."}
      </EmptyState>
      <Separator />
      <HistoryList entries={history} timezone={timezone} />
    </div>
  );
}

function Fields({ dispatch, timezone }: { dispatch: Details; timezone: string | undefined }) {
  const fields: Array<[string, React.ReactNode]> = [
    ["Date", formatDay(dispatch.dispatch_date, true)],
    ["Site", dispatch.site ? `${dispatch.site.name} (${dispatch.site.code})` : "—"],
    ["Region", dispatch.region],
    ["Station", dispatch.station],
    ["Dock", dispatch.dock_number],
    ["LH trip", dispatch.lh_trip ?? "—"],
    ["Plate number", dispatch.plate_number ?? "—"],
    ["Fleet size", dispatch.fleet_size ?? "—"],
    ["Material", dispatch.material ? dispatch.material.name : "—"],
    ["Tonnes", dispatch.qty_ton === null ? "—" : formatTonnes(Number(dispatch.qty_ton))],
    ["Created by", creatorName(dispatch.users)],
    ["Created", formatDateTime(dispatch.created_at, timezone)],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {fields.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const actionLabel = (action: string) => (action === "insert" ? "Created" : action === "delete" ? "Deleted" : "Changed");

const shown = (value: unknown) => (value === null || value === undefined || value === "" ? "empty" : String(value));

function HistoryList({ entries, timezone }: { entries: HistoryEntry[]; timezone: string | undefined }) {
  return (
    <section className="grid gap-3" aria-labelledby="history-heading">
      <h3 id="history-heading" className="flex items-center gap-2 text-sm font-medium">
        <History className="size-4 text-muted-foreground" aria-hidden />
        History
      </h3>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">No changes recorded.</p>
      ) : (
        <ol className="grid gap-3 border-l pl-4" data-testid="dispatch-history">
          {[...entries].reverse().map((entry) => (
            <li key={entry.id} className="grid gap-0.5 text-sm">
              <p>
                <span className="font-medium">{actionLabel(entry.action)}</span>
                <span className="text-muted-foreground"> by {entry.actor ?? "the system"} · {formatDateTime(entry.at, timezone)}</span>
              </p>
              {entry.action === "update"
                ? entry.changes.map(([field, before, after]) => (
                    <p key={field} className="text-xs text-muted-foreground">
                      {fieldLabel(field)}: {shown(before)} → <span className="text-foreground">{shown(after)}</span>
                    </p>
                  ))
                : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
