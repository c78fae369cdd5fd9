// The outbox's rules of delivery, in SQL (*_sheets_sync.sql), each inside a transaction that is
// rolled back: the stack's own drainer never sees these events, so nothing races the assertions.
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../helpers/db";
import { crewSite, type Crew } from "../helpers/factories";

interface Claimed {
  event_id: string;
  seq: number;
  row_id: string;
  action: string;
  lease: string;
}

let crew: Crew;

beforeAll(async () => {
  crew = await crewSite();
});

/** Runs `work` in a transaction that is always rolled back. */
const rolledBack = (work: (client: pg.Client) => Promise<void>) =>
  withDb(async (client) => {
    await client.query("begin");
    try {
      await work(client);
    } finally {
      await client.query("rollback");
    }
  });

/** A dispatch inserted, then changed twice: three events, in this order. */
async function dispatchWithThreeEvents(client: pg.Client): Promise<{ id: string; events: string[] }> {
  const { rows: [dispatch] } = await client.query<{ id: string }>(
    "insert into public.dispatches (site_id, cluster, processor, station, region, dock_number) values ($1, 'C', 'P', 'S', 'NCR', 'D-1') returning id", [crew.site.id]);
  await client.query("update public.dispatches set status = 'ongoing' where id = $1", [dispatch!.id]);
  await client.query("update public.dispatches set remarks = 'Gate 4' where id = $1", [dispatch!.id]);
  const { rows } = await client.query<{ event_id: string }>("select event_id from public.sheets_outbox where row_id = $1 order by seq", [dispatch!.id]);
  return { id: dispatch!.id, events: rows.map((row) => row.event_id) };
}

const claimFor = async (client: pg.Client, rowId: string) =>
  (await client.query<Claimed>("select * from private.claim_sheets_events()")).rows.filter((event) => event.row_id === rowId);

describe("db: sheets outbox", () => {
  it("claims one dispatch's events together and in order, and none while an earlier one waits", async () => {
    await rolledBack(async (client) => {
      const dispatch = await dispatchWithThreeEvents(client);
      expect(dispatch.events).toHaveLength(3);
      // The first event waits for its retry: the later two must not overtake it.
      await client.query("update public.sheets_outbox set next_attempt_at = now() + interval '1 hour' where event_id = $1", [dispatch.events[0]]);
      expect(await claimFor(client, dispatch.id)).toEqual([]);
      await client.query("update public.sheets_outbox set next_attempt_at = now() where event_id = $1", [dispatch.events[0]]);
      const claimed = await claimFor(client, dispatch.id);
      expect(claimed.map((event) => event.event_id)).toEqual(dispatch.events);
      expect(claimed.map((event) => event.action)).toEqual(["insert", "update", "update"]);
      // Held by that lease: a second claim takes none of them.
      expect(await claimFor(client, dispatch.id)).toEqual([]);
    });
  });

  it("settles exactly the acknowledged events; the rest back off with the error, and die after the last attempt", async () => {
    await rolledBack(async (client) => {
      const dispatch = await dispatchWithThreeEvents(client);
      const [claimed] = await claimFor(client, dispatch.id);
      const { rows: [settled] } = await client.query<{ value: number }>("select private.settle_sheets_events($1, $2::uuid[], 'the sheet was busy') as value", [claimed!.lease, [dispatch.events[0]]]);
      expect(settled?.value).toBe(1);
      const { rows } = await client.query<{ event_id: string; delivered: boolean; attempts: number; last_error: string | null; waits: boolean; dead: boolean }>(
        `select event_id, delivered_at is not null as delivered, attempts, last_error, next_attempt_at > now() as waits, dead_at is not null as dead
           from public.sheets_outbox where row_id = $1 order by seq`, [dispatch.id]);
      expect(rows.map(({ event_id: _, ...state }) => state)).toEqual([
        { delivered: true, attempts: 1, last_error: null, waits: false, dead: false },
        { delivered: false, attempts: 1, last_error: "the sheet was busy", waits: true, dead: false },
        { delivered: false, attempts: 1, last_error: "the sheet was busy", waits: true, dead: false },
      ]);

      // The twelfth failed attempt makes the event dead; a dead event still holds back the later one.
      await client.query("update public.sheets_outbox set attempts = 11, next_attempt_at = now() where row_id = $1 and delivered_at is null", [dispatch.id]);
      const again = await claimFor(client, dispatch.id);
      expect(again).toHaveLength(2);
      await client.query("select private.settle_sheets_events($1, '{}'::uuid[], 'still busy')", [again[0]!.lease]);
      const { rows: dead } = await client.query<{ dead: boolean }>("select dead_at is not null as dead from public.sheets_outbox where row_id = $1 and delivered_at is null order by seq", [dispatch.id]);
      expect(dead).toEqual([{ dead: true }, { dead: true }]);
      expect(await claimFor(client, dispatch.id)).toEqual([]);
    });
  });

  it("waits between attempts from about 5 s, doubling, never over an hour", async () => {
    await withDb(async (client) => {
      const { rows } = await client.query<{ attempts: number; seconds: number }>(
        "select a as attempts, extract(epoch from private.sheets_retry_delay(a))::float8 as seconds from generate_series(1, 14) a");
      for (const { attempts, seconds } of rows) {
        const full = Math.min(3600, 5 * 2 ** (attempts - 1));
        expect(seconds, `attempt ${attempts}`).toBeGreaterThanOrEqual(full / 2);
        expect(seconds, `attempt ${attempts}`).toBeLessThanOrEqual(full);
      }
    });
  });
});
