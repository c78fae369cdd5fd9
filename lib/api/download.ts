// How a route hands a file to the browser.

/**
 * Headers of a file download. `no-transform` keeps `next start` from gzipping it in the app's own
 * process: an export is tens to hundreds of MB, and that compression held the dispatch CSV to
 * ~12 MB/s (601,620 rows in 7.8 s against 3.1 s as they are; bench/RESULTS.md), slower than the
 * links it would save time on. A proxy in front may not re-encode it either.
 */
export function downloadHeaders(contentType: string, filename: string): Record<string, string> {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "private, no-store, no-transform",
  };
}
