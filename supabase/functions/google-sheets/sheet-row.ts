// A dispatch as the sheet holds it: seed 000's fields (its 13 columns), from the row the outbox
// trigger saved. The script turns these into cells in the header's order.
export interface SheetDispatch {
  id: string;
  created_at: string | null;
  cluster: string | null;
  processor: string | null;
  station: string | null;
  region: string | null;
  dock_number: string | null;
  lh_trip: string;
  plate_number: string;
  fleet_size: string;
  status: string | null;
  remarks: string;
  user_id: string | null;
}

export type SheetAction = "insert" | "update" | "delete";

/** One outbox event as the script receives it. */
export interface SheetEvent {
  id: string;
  seq: number;
  action: SheetAction;
  dispatch: SheetDispatch | { id: string };
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function sheetDispatch(payload: Record<string, unknown>): SheetDispatch {
  return {
    id: String(payload.id),
    created_at: text(payload.created_at),
    cluster: text(payload.cluster),
    processor: text(payload.processor),
    station: text(payload.station),
    region: text(payload.region),
    dock_number: text(payload.dock_number),
    // Seed 000 writes '' for these when empty; the sheet compares them that way too.
    lh_trip: text(payload.lh_trip) ?? "",
    plate_number: text(payload.plate_number) ?? "",
    fleet_size: text(payload.fleet_size) ?? "",
    status: text(payload.status),
    remarks: text(payload.remarks) ?? "",
    user_id: text(payload.created_by),
  };
}

export function sheetEvent(event: { event_id: string; seq: number; action: string; payload: Record<string, unknown> }): SheetEvent {
  const action = event.action as SheetAction;
  return {
    id: event.event_id,
    seq: event.seq,
    action,
    dispatch: action === "delete" ? { id: String(event.payload.id) } : sheetDispatch(event.payload),
  };
}
