// An activity entry in words: "Dispatch LH-251122-004 moved to ongoing", with the details a
// supervisor recognises the row by. Pure, so the feed and its tests read entries the same way.
import { formatTonnes } from "@/lib/format";
import type { ActivityEntry } from "@/lib/validations/activity";

export type ActivityKind = "dispatch" | "production" | "received" | "equipment" | "manpower" | "inventory" | "other";

export interface ActivityDescription {
  kind: ActivityKind;
  title: string;
  detail: string | null;
  /** For a dispatch whose status changed: from → to. */
  statusChange: { from: string; to: string } | null;
  tone: "created" | "changed" | "deleted";
}

const KINDS: Record<string, ActivityKind> = {
  dispatches: "dispatch",
  production: "production",
  received_materials: "received",
  equipment_logs: "equipment",
  manpower_logs: "manpower",
  inventory_entries: "inventory",
};

const TONES = { insert: "created", update: "changed", delete: "deleted" } as const;

const joined = (...parts: Array<string | undefined | null | false>) => parts.filter(Boolean).join(" · ") || null;
const tonnesOf = (qty: number | null | undefined) => (qty === undefined || qty === null ? undefined : formatTonnes(qty));

function dispatchWords(entry: ActivityEntry): Pick<ActivityDescription, "title" | "detail" | "statusChange"> {
  const { summary } = entry;
  const name = summary.lh_trip ?? summary.plate_number ?? "";
  const label = `Dispatch${name ? ` ${name}` : ""}`;
  const route = summary.cluster && summary.processor ? `${summary.cluster} → ${summary.processor}` : summary.cluster ?? summary.processor;
  const detail = joined(route, summary.lh_trip ? summary.plate_number : undefined, summary.material, tonnesOf(summary.qty_ton));
  if (entry.action === "insert") return { title: `New dispatch${name ? ` ${name}` : ""}`, detail, statusChange: null };
  if (entry.action === "delete") return { title: `${label} deleted`, detail, statusChange: null };
  if (summary.previous_status && summary.status) {
    return { title: `${label} moved to ${summary.status}`, detail, statusChange: { from: summary.previous_status, to: summary.status } };
  }
  return { title: `${label} edited`, detail, statusChange: null };
}

const VERBS = { insert: "logged", update: "edited", delete: "deleted" } as const;

function logWords(kind: ActivityKind, entry: ActivityEntry): Pick<ActivityDescription, "title" | "detail"> {
  const { summary } = entry;
  const verb = VERBS[entry.action];
  switch (kind) {
    case "production":
      return { title: `Production ${verb}: ${summary.material ?? "material"}`, detail: joined(tonnesOf(summary.qty_ton), summary.date) };
    case "received":
      return { title: `Receipt ${verb}: ${summary.material ?? "material"}`, detail: joined(tonnesOf(summary.qty_ton), summary.date) };
    case "equipment":
      return { title: `Equipment hours ${verb}: ${summary.equipment ?? "machine"}`, detail: joined(summary.hours_run === undefined || summary.hours_run === null ? undefined : `${summary.hours_run} h run`, summary.date) };
    case "manpower":
      return { title: `Manpower ${verb}: ${summary.role ?? "crew"}`, detail: joined(summary.headcount === undefined || summary.headcount === null ? undefined : `${summary.headcount} people`, summary.date) };
    case "inventory":
      return { title: `Stock ${summary.kind ?? "entry"} ${verb}: ${summary.material ?? "material"}`, detail: joined(tonnesOf(summary.qty_ton), summary.date) };
    default:
      return { title: `${entry.table.replace(/_/g, " ")} ${verb}`, detail: summary.date ?? null };
  }
}

export function describeActivity(entry: ActivityEntry): ActivityDescription {
  const kind = KINDS[entry.table] ?? "other";
  const tone = TONES[entry.action];
  if (kind === "dispatch") return { kind, tone, ...dispatchWords(entry) };
  return { kind, tone, statusChange: null, ...logWords(kind, entry) };
}
