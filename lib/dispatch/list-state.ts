// The dispatch list as the browser holds it between server renders: the rows the server rendered,
// then pages loaded with "Load more", rows that arrived live (shown at the top, or waiting behind
// a "3 new dispatches" pill while the user is scrolled away), changes and deletions seen since.
// Pure, so the rules (nothing twice, deleted stays deleted) are tested without a browser.

export interface ListRow {
  id: string;
}

export interface ListState<Row extends ListRow> {
  /** Arrived live and shown above the server's rows, newest first. */
  fresh: Row[];
  /** Arrived live while the user was scrolled away: counted by the pill, shown on request. */
  waiting: Row[];
  /** Loaded with "Load more". */
  more: Row[];
  cursor: string | null;
  patches: Record<string, Partial<Row>>;
  deleted: string[];
}

export type ListEvent<Row extends ListRow> =
  | { type: "loaded"; rows: Row[]; cursor: string | null }
  | { type: "arrived"; row: Row; atTop: boolean }
  | { type: "showWaiting" }
  | { type: "patched"; id: string; patch: Partial<Row> }
  | { type: "removed"; id: string };

export const initialListState = <Row extends ListRow>(cursor: string | null): ListState<Row> => ({ fresh: [], waiting: [], more: [], cursor, patches: {}, deleted: [] });

const without = <Row extends ListRow>(rows: Row[], id: string) => rows.filter((row) => row.id !== id);

export function listReducer<Row extends ListRow>(state: ListState<Row>, event: ListEvent<Row>): ListState<Row> {
  switch (event.type) {
    case "loaded":
      return { ...state, more: [...state.more, ...event.rows], cursor: event.cursor };
    case "arrived": {
      const known = [...state.fresh, ...state.waiting].some((row) => row.id === event.row.id);
      if (known || state.deleted.includes(event.row.id)) return state;
      return event.atTop ? { ...state, fresh: [event.row, ...state.fresh] } : { ...state, waiting: [event.row, ...state.waiting] };
    }
    case "showWaiting":
      return { ...state, fresh: [...state.waiting, ...state.fresh], waiting: [] };
    case "patched":
      return { ...state, patches: { ...state.patches, [event.id]: { ...state.patches[event.id], ...event.patch } } };
    case "removed":
      return { ...state, fresh: without(state.fresh, event.id), waiting: without(state.waiting, event.id), deleted: [...state.deleted, event.id] };
  }
}

// A server render newer than a change seen earlier wins (the change was missed in between).
function isOlder(patch: object, row: object): boolean {
  const patchedAt = "updated_at" in patch ? patch.updated_at : undefined;
  const renderedAt = "updated_at" in row ? row.updated_at : undefined;
  return typeof patchedAt === "string" && typeof renderedAt === "string" && Date.parse(patchedAt) < Date.parse(renderedAt);
}

/** What the table shows: live rows, then the server's, then loaded pages; each row once, as last changed. */
export function visibleRows<Row extends ListRow>(state: ListState<Row>, serverRows: readonly Row[]): Row[] {
  const seen = new Set<string>(state.deleted);
  const rows: Row[] = [];
  for (const row of [...state.fresh, ...serverRows, ...state.more]) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const patch = state.patches[row.id];
    rows.push(patch && !isOlder(patch, row) ? { ...row, ...patch } : row);
  }
  return rows;
}

/** A live row the server has since rendered is no longer "waiting". */
export const waitingCount = <Row extends ListRow>(state: ListState<Row>, serverRows: readonly Row[]) =>
  state.waiting.filter((row) => !serverRows.some((candidate) => candidate.id === row.id) && !state.deleted.includes(row.id)).length;
