// The private bucket `exports`, through Supabase Storage's REST API with the service role: the
// worker writes and deletes; users read their own files with their own token (Storage RLS).
export const BUCKET = "exports";

export interface FileStore {
  /** Stores `body`; a stream is sent as it is read (chunked), never held whole. */
  upload(path: string, body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>, contentType: string): Promise<void>;
  remove(paths: string[]): Promise<void>;
}

export function storageApi(supabaseUrl: string, serviceRoleKey: string): FileStore {
  const headers = { authorization: `Bearer ${serviceRoleKey}`, apikey: serviceRoleKey };
  const objectUrl = (path: string) => `${supabaseUrl}/storage/v1/object/${BUCKET}/${path.split("/").map(encodeURIComponent).join("/")}`;
  return {
    async upload(path, body, contentType) {
      const response = await fetch(objectUrl(path), { method: "POST", headers: { ...headers, "content-type": contentType, "x-upsert": "true" }, body });
      if (!response.ok) throw new Error(`Storage refused ${path}: ${response.status} ${await response.text()}`);
      await response.body?.cancel();
    },
    async remove(paths) {
      if (paths.length === 0) return;
      const response = await fetch(`${supabaseUrl}/storage/v1/object/${BUCKET}`, {
        method: "DELETE",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ prefixes: paths }),
      });
      if (!response.ok) throw new Error(`Storage did not delete ${paths.length} file(s): ${response.status} ${await response.text()}`);
      await response.body?.cancel();
    },
  };
}

/** Objects of a job: part-00001.csv, part-00002.csv, ... under the owner's folder. */
export const partPath = (folder: string, part: number, format: string) => `${folder}/part-${String(part).padStart(5, "0")}.${format}`;

export const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};
