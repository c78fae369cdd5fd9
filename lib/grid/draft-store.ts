// The grid's draft in the browser's IndexedDB, one record per user, site and module, so a reload,
// a crash or a session that ran out loses nothing. IndexedDB rather than localStorage: 5,000 rows
// are megabytes, and writes do not block the page.
import type { GridRow } from "@/lib/grid/validate";

const DATABASE = "deskops";
const STORE = "grid-drafts";

export interface GridDraft {
  rows: readonly GridRow[];
  savedAt: number;
}

export const draftKey = (userId: string, siteId: string, module: string) => `${userId}:${siteId}:${module}`;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
  });
}

async function run<Result>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<Result> {
  const database = await open();
  try {
    return await new Promise<Result>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as Result);
      transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB failed"));
    });
  } finally {
    database.close();
  }
}

export const readDraft = (key: string) => run<GridDraft | undefined>("readonly", (store) => store.get(key));

export const writeDraft = (key: string, rows: readonly GridRow[]) => run<IDBValidKey>("readwrite", (store) => store.put({ rows, savedAt: Date.now() } satisfies GridDraft, key));

export const deleteDraft = (key: string) => run<undefined>("readwrite", (store) => store.delete(key));
