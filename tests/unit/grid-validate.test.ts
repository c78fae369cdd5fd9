// A grid row checked as the API checks it: messages land on their column, catalogue names become
// ids, likely duplicates are found, and the history undoes and redoes edits.
import { describe, expect, it } from "vitest";
import { findDuplicates, dispatchKey } from "@/lib/grid/duplicates";
import { batchKey, chunks } from "@/lib/grid/batches";
import { dispatchGrid } from "@/lib/grid/modules";
import { cellsOf, deleteRows, duplicateRows, fillDown, gridReducer, initialHistory, insertRows, pasteRows, rangeOf, setCells } from "@/lib/grid/state";
import { checkRow, type GridRow, type ValidationContext } from "@/lib/grid/validate";
import { refusedRows } from "@/hooks/use-grid-save";

const SITE = "9b2f1c1e-3a34-4c47-9d2b-1f1e2d3c4b5a";
const MATERIAL = "0c8e7a52-5b0e-4a6c-8f3d-2e1d0c9b8a7f";
const context: ValidationContext = {
  siteId: SITE,
  today: "2026-11-22",
  catalogue: { materials: [{ id: MATERIAL, code: "RA-5-20", name: "Recycled aggregate 5-20 mm" }], clusters: [{ id: "c1", name: "Pasig Cluster A" }] },
  dateOrder: null,
};
const linehaul = { cluster: "Pasig Cluster A", processor: "Pasig Processing Center", station: "Pasig Hub", region: "NCR", dock_number: "D1" };
const row = (cells: Record<string, string>, id = "row-1"): GridRow => ({ id, cells });

describe("checkRow", () => {
  it("turns a valid row into the API's input: numbers read, names to ids, the site added", () => {
    const result = checkRow(dispatchGrid, row({ ...linehaul, dispatch_date: "21/11/2026", material_id: "ra-5-20", qty_ton: "1,234.5", plate_number: "ABC 1" }), context);
    expect(result).toEqual({
      ok: true,
      input: { ...linehaul, site_id: SITE, dispatch_date: "2026-11-21", material_id: MATERIAL, qty_ton: 1234.5, plate_number: "ABC 1" },
    });
  });

  it("accepts a catalogue name whatever its case and writes it as the catalogue spells it", () => {
    const result = checkRow(dispatchGrid, row({ ...linehaul, cluster: "  pasig CLUSTER a " }), context);
    expect(result.ok && result.input.cluster).toBe("Pasig Cluster A");
  });

  it("puts each message on its column: schema, number, date and catalogue errors together", () => {
    const result = checkRow(
      dispatchGrid,
      row({ ...linehaul, station: "", plate_number: "P".repeat(21), qty_ton: "lots", dispatch_date: "03/04/2026", material_id: "Gold" }),
      context,
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual({
      station: "Fill this in",
      plate_number: "At most 20 characters",
      qty_ton: '"lots" is not a number',
      dispatch_date: expect.stringContaining("Choose the date order"),
      material_id: 'No material is called "Gold"',
    });
  });

  it("reads an ambiguous date by the user's chosen order", () => {
    const result = checkRow(dispatchGrid, row({ ...linehaul, dispatch_date: "03/04/2026" }), { ...context, dateOrder: "mdy" });
    expect(result.ok && result.input.dispatch_date).toBe("2026-03-04");
  });

  it("reads an ambiguous date by the order its column proves", () => {
    const result = checkRow(dispatchGrid, row({ ...linehaul, dispatch_date: "03/04/2026" }), context, { dispatch_date: "dmy" });
    expect(result.ok && result.input.dispatch_date).toBe("2026-04-03");
  });
});

describe("likely duplicates", () => {
  it("flags a row saved already, and a row repeating one above, ignoring case and spaces", () => {
    const keys = [dispatchKey("2026-11-21", "ABC 1", "LH-1"), dispatchKey("2026-11-21", "XYZ 2", "LH-2"), dispatchKey("2026-11-21", "abc1", "lh-1"), null, dispatchKey("2026-11-22", "ABC 1", "LH-1")];
    const saved = new Set([dispatchKey("2026-11-21", "XYZ2", "LH-2") ?? ""]);
    expect([...findDuplicates(keys, saved)]).toEqual([
      [1, "saved"],
      [2, "grid"],
    ]);
  });

  it("has no key for a row without a plate or an LH trip", () => {
    expect(dispatchKey("2026-11-21", "ABC 1", "")).toBeNull();
    expect(dispatchKey("2026-11-21", null, "LH-1")).toBeNull();
  });

  it("uses the site's today for a row whose date is left to the database", () => {
    const result = checkRow(dispatchGrid, row({ ...linehaul, plate_number: "ABC 1", lh_trip: "LH-1" }), context);
    expect(result.ok && dispatchGrid.duplicateKey?.(result.input, context)).toBe("2026-11-22|ABC1|LH-1");
  });
});

describe("editing and history", () => {
  let next = 0;
  const newId = () => `new-${(next += 1)}`;
  const start = [row({ plate_number: "A" }, "a"), row({ plate_number: "B" }, "b"), row({ plate_number: "C" }, "c")];
  const plates = (rows: readonly GridRow[]) => rows.map((each) => each.cells.plate_number ?? "");

  it("undoes and redoes edits in order, and a new edit drops the redo steps", () => {
    let state = initialHistory(start);
    state = gridReducer(state, { type: "edit", rows: setCells(state.rows, [[0, "plate_number", "A2"]], newId) });
    state = gridReducer(state, { type: "edit", rows: deleteRows(state.rows, 1, 1) });
    expect(plates(state.rows)).toEqual(["A2", "C"]);
    state = gridReducer(state, { type: "undo" });
    expect(plates(state.rows)).toEqual(["A2", "B", "C"]);
    state = gridReducer(state, { type: "undo" });
    expect(plates(state.rows)).toEqual(["A", "B", "C"]);
    state = gridReducer(state, { type: "redo" });
    expect(plates(state.rows)).toEqual(["A2", "B", "C"]);
    state = gridReducer(state, { type: "edit", rows: insertRows(state.rows, 0, 1, newId) });
    expect(state.future).toEqual([]);
    expect(plates(state.rows)).toEqual(["", "A2", "B", "C"]);
  });

  it("records no history step for an edit that changes nothing (a cell left as it was)", () => {
    const state = initialHistory(start);
    expect(gridReducer(state, { type: "edit", rows: setCells(start, [[0, "plate_number", "A"], [5, "lh_trip", ""]], newId) })).toBe(state);
  });

  it("forgets saved rows for good: undo cannot bring them back", () => {
    let state = gridReducer(initialHistory(start), { type: "edit", rows: setCells(start, [[0, "plate_number", "A2"]], newId) });
    state = gridReducer(state, { type: "forget", ids: new Set(["a", "b"]) });
    expect(plates(state.rows)).toEqual(["C"]);
    expect(gridReducer(state, { type: "undo" })).toBe(state);
  });

  it("pastes from a row down, adding rows past the end, and leaves untouched rows as they were", () => {
    const pasted = pasteRows(start, 2, [["X", "1"], ["Y", "2"]], ["plate_number", "lh_trip"], newId);
    expect(pasted.map((each) => [each.cells.plate_number, each.cells.lh_trip])).toEqual([["A", undefined], ["B", undefined], ["X", "1"], ["Y", "2"]]);
    expect(pasted[0]).toBe(start[0]);
  });

  it("fills down, duplicates rows and copies a range out", () => {
    const keys = ["plate_number", "lh_trip"];
    const filled = fillDown(start, rangeOf({ row: 0, column: 0 }, { row: 2, column: 0 }), keys, newId);
    expect(plates(filled)).toEqual(["A", "A", "A"]);
    const doubled = duplicateRows(start, 1, 1, newId);
    expect(plates(doubled)).toEqual(["A", "B", "B", "C"]);
    expect(doubled[2]?.id).not.toBe("b");
    expect(cellsOf(start, rangeOf({ row: 1, column: 1 }, { row: 0, column: 0 }), keys)).toEqual([["A", ""], ["B", ""]]);
  });
});

describe("saving", () => {
  it("cuts 12,001 rows into batches of 5,000, 5,000 and 2,001", () => {
    expect(chunks(Array.from({ length: 12_001 }, (_, index) => index)).map((chunk) => chunk.length)).toEqual([5000, 5000, 2001]);
  });

  it("keys a batch by its draft, rows and values: the same rows give the same key, a change a new one", async () => {
    const batch = [{ id: "a", input: { plate_number: "A" } }];
    const key = await batchKey("user:site:dispatch", batch);
    expect(key).toMatch(/^grid-[0-9a-f]{64}$/);
    expect(await batchKey("user:site:dispatch", [{ id: "a", input: { plate_number: "A" } }])).toBe(key);
    expect(await batchKey("user:site:dispatch", [{ id: "a", input: { plate_number: "B" } }])).not.toBe(key);
    expect(await batchKey("user:site:dispatch", [{ id: "z", input: { plate_number: "A" } }])).not.toBe(key);
  });

  it("finds every refused row and field in the database's and in zod's error details", () => {
    const columns = dispatchGrid.columns.map((column) => column.key);
    expect(refusedRows({ row: 3, column: "material_id", constraint: "dispatches_material_id_fkey" }, columns)).toEqual([{ row: 3, column: "material_id" }]);
    expect(refusedRows({ issues: [{ path: "rows.2.plate_number", message: "At most 20 characters", row: 2 }] }, columns)).toEqual([
      { row: 2, column: "plate_number", message: "At most 20 characters" },
    ]);
    // The database's set-wise answer: several rows, one of them twice; each row keeps its first issue.
    const database = {
      row: 4,
      column: "material_id",
      issues: [
        { row: 4, path: "rows.4.material_id", message: "Unknown material" },
        { row: 4, path: "rows.4.qty_ton", message: "Tonnes cannot be negative" },
        { row: 9, path: "rows.9.site_id", message: "Unknown site" },
      ],
    };
    expect(refusedRows(database, columns)).toEqual([
      { row: 4, column: "material_id", message: "Unknown material" },
      { row: 9, column: null, message: "Unknown site" },
    ]);
    expect(refusedRows({ issues: [{ path: "key", message: "Required" }] }, columns)).toEqual([]);
  });
});
