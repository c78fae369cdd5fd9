// Likely duplicates: a row whose key (for a dispatch: day, plate number and LH trip) is already
// saved at the site, or appears earlier in the grid. A warning, not an error: two trucks can do the
// same trip twice a day, so the person decides.

export type DuplicateReason = "saved" | "grid";

/** Row index → why it looks like a duplicate. */
export function findDuplicates(keys: readonly (string | null)[], saved: ReadonlySet<string>): Map<number, DuplicateReason> {
  const found = new Map<number, DuplicateReason>();
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (key === null) return;
    if (saved.has(key)) found.set(index, "saved");
    else if (seen.has(key)) found.set(index, "grid");
    seen.add(key);
  });
  return found;
}

/** "AB 1234" and "ab1234" are the same plate; the key ignores case and spaces. */
const keyPart = (text: string | null | undefined) => (text ?? "").toUpperCase().replace(/\s+/g, "");

export const dispatchKey = (day: string, plateNumber: string | null | undefined, lhTrip: string | null | undefined): string | null =>
  keyPart(plateNumber) && keyPart(lhTrip) ? `${day}|${keyPart(plateNumber)}|${keyPart(lhTrip)}` : null;
