// Pasted text from each program, read into rows and mapped to the dispatch grid's columns.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnForHeader, isHeaderRow, mappingFromHeader, mappingInOrder } from "@/lib/grid/columns";
import { dispatchGrid } from "@/lib/grid/modules";
import { parseTable, toTsv } from "@/lib/grid/parse";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}`, import.meta.url), "utf8");
const columns = dispatchGrid.columns;

const HEADER = ["Date", "Cluster", "Processor", "Station", "Region", "Dock No.", "LH Trip #", "Plate No.", "Fleet Size", "Material", "Qty (t)", "Remarks"];
const ROWS = [
  ["2026-11-21", "Pasig Cluster A", "Pasig Processing Center", "Pasig Hub", "NCR", "D1", "LH-X-001", "ABC 1234", "10W", "", "", 'Driver said "late"'],
  ["2026-11-21", "Taguig Cluster B", "Taguig Sort Center", "Taguig Hub", "NCR", "D2", "LH-X-002", "XYZ 9876", "6W", "RA-5-20", "1,234.5", "Two lines\nof remarks"],
  ["2026-11-21", "Cavite Cluster C", "Dasmarinas Crossdock", "Cavite Hub", "South Luzon", "D3", "LH-X-003", "KLM 5555", "10W", "", "", "tab\tinside"],
];

describe("parseTable", () => {
  it.each(["excel-windows.txt", "google-sheets.txt", "libreoffice.txt", "export-with-bom.csv"])("reads %s into the header and the three rows", (name) => {
    expect(parseTable(fixture(name))).toEqual([HEADER, ...ROWS]);
  });

  it("reads a block without a header as rows only", () => {
    expect(parseTable(fixture("no-header.txt"))).toEqual(ROWS);
  });

  it("turns a non-breaking space into a space and trims cells", () => {
    expect(parseTable("  a\u00a0b \t c\u202f")).toEqual([["a b", "c"]]);
  });

  it("keeps empty cells inside a row but drops the empty columns after the last filled one", () => {
    expect(parseTable("a\t\tc\t\t\r\nd\t\t\t\t\r\n")).toEqual([
      ["a", "", "c"],
      ["d", "", ""],
    ]);
  });

  it("reads nothing from blank text", () => {
    expect(parseTable("\r\n \t \r\n")).toEqual([]);
  });

  it("writes a range as TSV that reads back as the same cells", () => {
    const cells = [
      ["plain", 'with "quote"'],
      ["line\nbreak", "tab\there"],
    ];
    const text = toTsv(cells);
    expect(text.split("\r\n")[0]).toBe('plain\t"with ""quote"""');
    expect(parseTable(text)).toEqual(cells);
  });
});

describe("header mapping", () => {
  it("finds columns by name, ignoring case, spaces and punctuation, and by synonym", () => {
    expect(columnForHeader(columns, "Plate No.")).toBe("plate_number");
    expect(columnForHeader(columns, "LH Trip #")).toBe("lh_trip");
    expect(columnForHeader(columns, "Qty (t)")).toBe("qty_ton");
    expect(columnForHeader(columns, "Date")).toBe("dispatch_date");
    expect(columnForHeader(columns, "DOCK_NUMBER")).toBe("dock_number");
    expect(columnForHeader(columns, "Driver's mood")).toBeNull();
  });

  it("tells a header row from a data row", () => {
    expect(isHeaderRow(columns, HEADER)).toBe(true);
    expect(isHeaderRow(columns, ROWS[0] ?? [])).toBe(false);
    expect(isHeaderRow(columns, ["Plate", "Foo", "Bar", "Baz"])).toBe(false);
  });

  it("maps each header to its column once, an unknown header to nothing", () => {
    expect(mappingFromHeader(columns, ["Plate No.", "Unknown", "Plate", "Qty (t)"])).toEqual(["plate_number", null, null, "qty_ton"]);
  });

  it("lets a remembered choice win over the names", () => {
    expect(mappingFromHeader(columns, ["Truck", "Trip"], { truck: "plate_number", trip: null })).toEqual(["plate_number", null]);
  });

  it("takes columns in the grid's order from the column pasted into when there is no header", () => {
    expect(mappingInOrder(columns, 3, 6)).toEqual(["lh_trip", "plate_number", "fleet_size"]);
    expect(mappingInOrder(columns, 2, columns.length - 1)).toEqual(["remarks", null]);
  });
});

describe("detecting the separator", () => {
  it("reads one copied column of numbers with thousands separators as one column", () => {
    expect(parseTable("1,234.5\r\n2,000\r\n")).toEqual([["1,234.5"], ["2,000"]]);
  });

  it("reads comma-separated text as CSV even when a quoted cell holds a tab", () => {
    expect(parseTable('a,"b\tc"\r\n1,2')).toEqual([
      ["a", "b\tc"],
      ["1", "2"],
    ]);
  });

  it("reads tab-separated text whose cells hold commas as TSV", () => {
    expect(parseTable("Plate\tQty\r\nABC 1\t1,234.5")).toEqual([
      ["Plate", "Qty"],
      ["ABC 1", "1,234.5"],
    ]);
  });
});
