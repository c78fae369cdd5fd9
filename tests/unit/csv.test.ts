// CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvQuotedLine, csvRows, neutralize } from "@/lib/csv";

describe("csv: neutralize", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"])("prefixes %j with a quote mark", (cell) => {
    expect(neutralize(cell)).toBe(`'${cell}`);
  });

  it("leaves ordinary text, numbers and inner signs alone, and writes empty cells for null", () => {
    expect(neutralize("LH-1=2")).toBe("LH-1=2");
    expect(neutralize(42.5)).toBe("42.5");
    expect(neutralize(null)).toBe("");
    expect(neutralize(undefined)).toBe("");
    expect(neutralize(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("csv: csvRows", () => {
  it("quotes commas, quotes and line breaks so the rows parse back as written, with CRLF line ends", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines"], ["=evil()", "", "plain"]];
    const text = csvRows(rows);
    expect(text.endsWith("\r\n")).toBe(true);
    // Two records and the final empty line: the cell's own \n stays inside its quotes.
    expect(text.split("\r\n")).toHaveLength(3);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(parsed).toEqual([["a,b", 'say "hi"', "two\nlines"], ["'=evil()", "", "plain"]]);
  });
});

describe("csv: csvQuotedLine", () => {
  it("quotes every field, doubles inner quotes, writes null as \"\" and guards formulas", () => {
    expect(csvQuotedLine(["ID", 'say "hi"', null, "=1+1", "a,b"])).toBe('"ID","say ""hi""","","\'=1+1","a,b"\n');
    expect(Papa.parse<string[]>(csvQuotedLine(["two\nlines", ""]), { skipEmptyLines: true }).data).toEqual([["two\nlines", ""]]);
  });
});
