// Brute-force oracles: the rules of DESIGN.md written the slow, obvious way in TypeScript, to
// check the SQL views and functions against. Quantities are integer thousandths of a tonne so
// sums are exact.

export type MovementKind = "produced" | "received" | "dispatched" | "adjustment" | "opening" | "count";

export interface Movement {
  materialId: string;
  day: string; // YYYY-MM-DD
  kind: MovementKind;
  milliTons: number;
}

export interface LedgerRow {
  materialId: string;
  day: string;
  opening: number;
  produced: number;
  received: number;
  dispatched: number;
  adjustment: number;
  counted: number | null;
  closing: number;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every day from the first movement of a material to `today` (or its last movement, if later). */
export function bruteForceLedger(movements: Movement[], today: string): LedgerRow[] {
  const rows: LedgerRow[] = [];
  const materials = [...new Set(movements.map((movement) => movement.materialId))].sort();
  for (const materialId of materials) {
    const mine = movements.filter((movement) => movement.materialId === materialId);
    const days = mine.map((movement) => movement.day).sort();
    const last = days[days.length - 1]! > today ? days[days.length - 1]! : today;
    let balance = 0;
    for (let day = days[0]!; day <= last; day = addDays(day, 1)) {
      const on = (kind: MovementKind) => mine.filter((movement) => movement.day === day && movement.kind === kind);
      const total = (kind: MovementKind) => on(kind).reduce((sum, movement) => sum + movement.milliTons, 0);
      const openingEntry = on("opening")[0]?.milliTons;
      const count = on("count")[0]?.milliTons ?? null;
      const opening = openingEntry ?? balance;
      const row = {
        materialId,
        day,
        opening,
        produced: total("produced"),
        received: total("received"),
        dispatched: total("dispatched"),
        adjustment: total("adjustment"),
        counted: count,
      };
      const closing = count ?? opening + row.produced + row.received - row.dispatched + row.adjustment;
      rows.push({ ...row, closing });
      balance = closing;
    }
  }
  return rows;
}

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** Seed 001's percentage change. */
export function percentageChange(current: number, previous: number): number {
  if (previous === 0) return current > 0 ? 100 : 0;
  return ((current - previous) / previous) * 100;
}

/** A small deterministic PRNG (mulberry32), so a failing property test can be replayed by seed. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
