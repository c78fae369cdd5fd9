import { describe, expect, it } from "vitest";
import { NUL_MESSAGE, SURROGATE_MESSAGE, unstorableText, unstorableTextProblem } from "@/lib/validations/storable-text";

describe("storable text", () => {
  it("accepts what UTF-8 can encode: accents, CJK, whole emoji", () => {
    for (const text of ["Ñandú", "漢字", "truck 🚚 ok", "tab\tand\nnewline", ""]) expect(unstorableTextProblem(text), text).toBeNull();
  });

  it("refuses NUL and either half of a surrogate pair alone", () => {
    expect(unstorableTextProblem("a\u0000b")).toBe(NUL_MESSAGE);
    expect(unstorableTextProblem("a\ud83d")).toBe(SURROGATE_MESSAGE);
    expect(unstorableTextProblem("\ude9ab")).toBe(SURROGATE_MESSAGE);
    expect(unstorableTextProblem("\ude9a\ud83d")).toBe(SURROGATE_MESSAGE);
  });

  it("names every bad field of a nested body, rows counted from 1", () => {
    const body = { rows: [{ cluster: "ok" }, { cluster: "x\u0000", remarks: "\ud800" }], meta: { tags: ["fine", "\udfff"] } };
    expect(unstorableText(body)).toEqual([
      { path: "rows.2.cluster", message: NUL_MESSAGE, row: 2 },
      { path: "rows.2.remarks", message: SURROGATE_MESSAGE, row: 2 },
      { path: "meta.tags.1", message: SURROGATE_MESSAGE },
    ]);
  });
});
