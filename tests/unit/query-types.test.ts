// Compile-time checks of the query layer's types: `tsc` (part of npm test) fails if a row stops
// being typed from its select, or if a wrong column stops being an error (@ts-expect-error
// fails when there is no error). The run-time part only keeps vitest counting the file.
import { describe, expect, expectTypeOf, it } from "vitest";
import { readDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { productionLog } from "@/lib/queries/log-modules";
import { readLogRow } from "@/lib/queries/logs";
import type { Supabase } from "@/lib/supabase/types";

/** Never called: only its types matter. */
function typeChecks(supabase: Supabase) {
  const _production = () => readLogRow(supabase, productionLog, "id");
  type Production = Awaited<ReturnType<typeof _production>>;
  expectTypeOf<Production["qtyTon"]>().toEqualTypeOf<number>();
  expectTypeOf<Production["material"]["code"]>().toEqualTypeOf<string>();
  expectTypeOf<Production["site"]["name"]>().toEqualTypeOf<string>();
  expectTypeOf<Production>().not.toHaveProperty("qty_ton");

  const _dispatch = () => readDispatch(supabase, "id");
  expectTypeOf<Awaited<ReturnType<typeof _dispatch>>["plateNumber"]>().toEqualTypeOf<string | null>();

  // @ts-expect-error production has no column qty_tons
  void productionLog.update(supabase, "id", { qty_tons: 1 });
  // @ts-expect-error a row never moves to another site through an update
  void productionLog.update(supabase, "id", { site_id: "other" });
  // @ts-expect-error a dispatch's status change carries only status and remarks
  void updateDispatch(supabase, "id", { plate_number: "X" });
}

describe("query layer types", () => {
  it("are checked by tsc (this file compiles only while rows are typed and wrong columns are errors)", () => {
    expect(typeof typeChecks).toBe("function");
  });
});
