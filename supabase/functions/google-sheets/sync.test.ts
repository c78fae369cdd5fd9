// The drainer's bookkeeping against an outbox and a script that we control, and the signature
// checks against an independent HMAC (RFC 4231's test case 2 and Web Crypto).
import { strict as assert } from "node:assert";
import { drain, type ScriptAnswer, type Sink } from "./drain.ts";
import type { ClaimedEvent, Outbox } from "./outbox.ts";
import { signatureProblem, timingSafeEqual } from "./signature.ts";

function memoryOutbox(batches: ClaimedEvent[][], batchSize = 2) {
  const settled: Array<{ lease: string; delivered: string[]; error: string | null }> = [];
  const runs: Array<string | null> = [];
  const outbox: Outbox = {
    claim: () => Promise.resolve(batches.shift() ?? []),
    settle: (lease, delivered, error) => (settled.push({ lease, delivered, error }), Promise.resolve(delivered.length)),
    batchSize: () => Promise.resolve(batchSize),
    noteRun: (waiting) => (runs.push(waiting), Promise.resolve()),
    prune: () => Promise.resolve(0),
    rememberSignature: () => Promise.resolve(true),
    enqueueResend: () => Promise.resolve(0),
    reconcile: () => Promise.resolve({}),
    applyEdit: () => Promise.resolve({ applied: true }),
  };
  return { outbox, settled, runs };
}

const event = (id: string, lease: string, action = "insert"): ClaimedEvent => ({
  event_id: id, seq: Number(id.slice(1)), row_id: `row-${id}`, action, attempts: 1, lease,
  payload: { id: `row-${id}`, created_at: "2026-12-06T01:02:03.456789+00:00", cluster: "C", status: "pending", created_by: null },
});

const answering = (answer: (ids: string[]) => ScriptAnswer | Error): Sink & { sent: string[][] } => {
  const sent: string[][] = [];
  return {
    sent,
    deliver: (events) => {
      const ids = events.map((e) => e.id);
      sent.push(ids);
      const result = answer(ids);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  };
};

Deno.test("drain marks delivered exactly what the script acknowledged and stops at a short batch", async () => {
  const { outbox, settled, runs } = memoryOutbox([[event("e1", "L1"), event("e2", "L1")], [event("e3", "L2")]]);
  const sink = answering((ids) => ({ applied: [...ids, "not-sent"], failed: [] }));
  const report = await drain(outbox, sink);
  assert.deepEqual(sink.sent, [["e1", "e2"], ["e3"]]);
  assert.deepEqual(settled, [{ lease: "L1", delivered: ["e1", "e2"], error: null }, { lease: "L2", delivered: ["e3"], error: null }]);
  assert.deepEqual(report, { delivered: 3, failed: 0, more: false });
  assert.deepEqual(runs, [null]);
});

Deno.test("drain leaves refused and unacknowledged events to their retry, with the script's reason", async () => {
  const { outbox, settled } = memoryOutbox([[event("e1", "L1"), event("e2", "L1")], [event("e3", "L2")]]);
  const sink = answering(() => ({ applied: ["e1"], failed: [{ id: "e2", error: "Range is protected" }] }));
  const report = await drain(outbox, sink);
  assert.deepEqual(settled, [{ lease: "L1", delivered: ["e1"], error: "The sheet refused an event: Range is protected" }]);
  assert.equal(report.more, true);
  assert.equal(report.failed, 1);
  assert.equal(sink.sent.length, 1, "a failed batch ends the run; the backoff decides when to try again");
});

Deno.test("drain settles a batch the script never answered as failed with the error", async () => {
  const { outbox, settled } = memoryOutbox([[event("e1", "L1")]]);
  await drain(outbox, answering(() => new Error("The Apps Script web app answered 500: oops")));
  assert.deepEqual(settled, [{ lease: "L1", delivered: [], error: "The Apps Script web app answered 500: oops" }]);
});

Deno.test("drain without a web app records why events wait and claims nothing", async () => {
  const { outbox, runs } = memoryOutbox([[event("e1", "L1")]]);
  const report = await drain(outbox, "GOOGLE_APPS_SCRIPT_WEB_APP_URL is not set");
  assert.deepEqual(runs, ["GOOGLE_APPS_SCRIPT_WEB_APP_URL is not set"]);
  assert.equal(report.delivered, 0);
});

async function hmacHex(key: string, data: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Array.from(new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data))), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("signatures: HMAC-SHA256 of ts.body, five minutes either way, compared in full", async () => {
  // RFC 4231 test case 2 pins the HMAC itself.
  assert.equal(await hmacHex("Jefe", "what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const now = 1_800_000_000;
  const body = '{"data":[{"id":"x"}],"action":"update"}';
  const params = async (ts: number, secret = "s3cret") => new URLSearchParams({ ts: String(ts), sig: await hmacHex(secret, `${ts}.${body}`) });
  assert.equal(await signatureProblem("s3cret", await params(now), body, now), null);
  assert.equal(await signatureProblem("s3cret", await params(now - 299), body, now), null);
  assert.equal(await signatureProblem("s3cret", await params(now - 301), body, now), "expired");
  assert.equal(await signatureProblem("s3cret", await params(now + 301), body, now), "expired");
  assert.equal(await signatureProblem("s3cret", await params(now, "other"), body, now), "invalid");
  assert.equal(await signatureProblem("s3cret", await params(now), `${body} `, now), "invalid");
  assert.equal(await signatureProblem("s3cret", new URLSearchParams({ ts: String(now) }), body, now), "missing");
  assert.equal(timingSafeEqual("abc", "abc"), true);
  assert.equal(timingSafeEqual("abc", "abd"), false);
  assert.equal(timingSafeEqual("abc", "abcd"), false);
});
