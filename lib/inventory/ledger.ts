// The inventory page's arithmetic over the ledger's daily rows (lib/queries/inventory.ts): one line
// per material for the range, and each material's closing stock per day for its chart.

export interface LedgerDay {
  date: string;
  materialId: string;
  openingTon: number;
  producedTon: number;
  receivedTon: number;
  dispatchedTon: number;
  adjustmentTon: number;
  closingTon: number;
}

/** A material over the range: the first day's opening, the last day's closing, the moves summed. */
export interface MaterialStock extends Omit<LedgerDay, "date"> {
  /** Oldest first: what the chart draws. */
  days: LedgerDay[];
}

/** Per material, in the order first met; `days` need not be sorted. */
export function stockByMaterial(days: readonly LedgerDay[]): MaterialStock[] {
  const byMaterial = new Map<string, LedgerDay[]>();
  for (const day of days) byMaterial.set(day.materialId, [...(byMaterial.get(day.materialId) ?? []), day]);
  return [...byMaterial].map(([materialId, rows]) => {
    const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
    const sum = (pick: (day: LedgerDay) => number) => sorted.reduce((total, day) => total + pick(day), 0);
    return {
      materialId,
      openingTon: sorted[0]?.openingTon ?? 0,
      producedTon: sum((day) => day.producedTon),
      receivedTon: sum((day) => day.receivedTon),
      dispatchedTon: sum((day) => day.dispatchedTon),
      adjustmentTon: sum((day) => day.adjustmentTon),
      closingTon: sorted[sorted.length - 1]?.closingTon ?? 0,
      days: sorted,
    };
  });
}
