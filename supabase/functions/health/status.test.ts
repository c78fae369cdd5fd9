// node:assert/strict, as @types/node 14 (which exceljs and pg bring into the type graph) declares it.
import { strict as assert } from "node:assert";
import { healthReport, statusCode } from "./status.ts";

const runtime = { deno: "2.0.0", typescript: "5.6.2" };

Deno.test("a reachable database makes the report ok with its version and latency", async () => {
  let clock = 1_000;
  const report = await healthReport(
    { serverVersion: () => { clock += 7; return Promise.resolve("17.4"); } },
    runtime,
    () => clock,
  );
  assert.deepEqual(report.status, "ok");
  assert.deepEqual(report.database, { status: "ok", version: "17.4", latencyMs: 7 });
  assert.deepEqual(report.runtime, { name: "deno", version: "2.0.0", typescript: "5.6.2" });
  assert.deepEqual(statusCode(report), 200);
});

Deno.test("an unreachable database degrades the report and answers 503", async () => {
  const report = await healthReport(
    { serverVersion: () => Promise.reject(new Error("connection refused")) },
    runtime,
  );
  assert.deepEqual(report.status, "degraded");
  assert.deepEqual(report.database, { status: "error", error: "connection refused" });
  assert.match(report.checkedAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual(statusCode(report), 503);
});
