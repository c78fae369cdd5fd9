// The real integrations/google-sheets/Code.gs, run in a Node vm over the fake services, behind an
// HTTP server that behaves as a deployed Apps Script web app does: a POST to .../exec runs doPost
// and answers 302 to a one-time content URL (script.googleusercontent.com in Google's case),
// which a GET then reads; at most 30 executions at once (a 429 page beyond), and an execution
// over 6 minutes ends in an error page. A control surface under /__ lets tests break it (500s,
// hangs, refused connections), read the sheet and make edits as a person would.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import vm from "node:vm";
import { appsScriptServices, type CellValue, type FakeSheet, type TextOutput } from "./services";

const CODE_FILE = path.resolve(import.meta.dirname, "../../../integrations/google-sheets/Code.gs");
const MAX_CONCURRENT_EXECUTIONS = 30;
const MAX_EXECUTION_MS = 6 * 60 * 1000;
const SHEET_NAME = "Dispatch Reports";

export interface WebAppFaults {
  /** The next n executions answer 500 (an HTML error page). */
  fail500?: number;
  /** The next n executions never answer. */
  hang?: number;
  /** Refuse connections for this long. */
  refuseForMs?: number;
  /** Every execution waits this long before it runs (as Google's take a while). */
  latencyMs?: number;
}

export interface DeliveredBatch {
  eventIds: string[];
  applied: string[];
}

export interface FakeWebApp {
  /** The web app URL, as GOOGLE_APPS_SCRIPT_WEB_APP_URL. */
  url: string;
  /** Where tests control it: `${controlUrl}/__sheet`, `/__control`, `/__log`, `/__edit`. */
  controlUrl: string;
  sheet(): FakeSheet;
  batches: DeliveredBatch[];
  setFaults(faults: WebAppFaults): void;
  setProperty(key: string, value: string): void;
  close(): Promise<void>;
}

interface EditRequest {
  dispatchId: string;
  column: string;
  value: string;
}

type Tamper = { set: EditRequest } | { deleteRow: string } | { appendRow: CellValue[] };

interface Script {
  doPost(e: unknown): TextOutput;
  onSheetEdit(e: unknown): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readBody = (request: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

const send = (response: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
  response.writeHead(status, { "content-type": type, ...headers });
  response.end(body);
};

/** The sheet as tests read it: dates as ISO text. */
export const plainValues = (sheet: FakeSheet) => sheet.values().map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)));

export async function startFakeWebApp(options: { secret: string; deskopsWebhookUrl?: string; port?: number }): Promise<FakeWebApp> {
  const services = appsScriptServices();
  services.properties.setProperty("WEBHOOK_SECRET", options.secret);
  if (options.deskopsWebhookUrl) services.properties.setProperty("DESKOPS_WEBHOOK_URL", options.deskopsWebhookUrl);
  const context = vm.createContext({ ...services.globals, console });
  vm.runInContext(readFileSync(CODE_FILE, "utf8"), context, { filename: "Code.gs" });
  const script = context as unknown as Script;
  const sheet = () => services.spreadsheet.getSheetByName(SHEET_NAME) ?? services.spreadsheet.insertSheet(SHEET_NAME);

  const outputs = new Map<string, TextOutput>();
  const batches: DeliveredBatch[] = [];
  let faults: WebAppFaults = {};
  let running = 0;
  let nextKey = 0;

  async function execute(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    if (running >= MAX_CONCURRENT_EXECUTIONS) {
      return send(response, 429, "text/html", "<html><body>Service invoked too many times in a short time: exec qps. Try Utilities.sleep(1000) between calls.</body></html>");
    }
    running += 1;
    try {
      const body = await readBody(request);
      if (faults.latencyMs) await sleep(faults.latencyMs);
      if (faults.hang) {
        faults.hang -= 1;
        return; // never answers; the caller's timeout ends it
      }
      if (faults.fail500) {
        faults.fail500 -= 1;
        return send(response, 500, "text/html", "<html><body>We're sorry, a server error occurred. Please wait a bit and try again.</body></html>");
      }
      const started = Date.now();
      const output = script.doPost({
        postData: { contents: body, type: request.headers["content-type"] ?? "", length: Buffer.byteLength(body) },
        parameter: Object.fromEntries(url.searchParams),
        queryString: url.search.slice(1),
      });
      if (Date.now() - started > MAX_EXECUTION_MS) return send(response, 200, "text/html", "<html><body>Exceeded maximum execution time</body></html>");
      recordBatch(body, output.getContent());
      const key = String((nextKey += 1));
      outputs.set(key, output);
      send(response, 302, "text/html", "<html><body>Moved Temporarily</body></html>", { location: `/macros/echo?user_content_key=${key}` });
    } finally {
      running -= 1;
    }
  }

  function recordBatch(body: string, answer: string): void {
    try {
      const request = JSON.parse(body) as { action?: string; events?: Array<{ id: string }> };
      const parsed = JSON.parse(answer) as { applied?: string[] };
      if (request.action === "apply") batches.push({ eventIds: (request.events ?? []).map((event) => event.id), applied: parsed.applied ?? [] });
    } catch {
      // Not a batch (a refused or malformed request): nothing to record.
    }
  }

  /** A person types into a cell: the value changes, then the installable trigger runs. */
  function edit({ dispatchId, column, value }: EditRequest): { value: CellValue; note: string | null } {
    const target = sheet();
    const header = target.getRange(1, 1, 1, target.getLastColumn()).getValues()[0]!;
    const columnIndex = header.indexOf(column) + 1;
    const rowIndex = target.values().findIndex((row) => row[0] === dispatchId) + 1;
    if (columnIndex < 1 || rowIndex < 2) throw new Error(`No cell for ${dispatchId} / ${column}`);
    const range = target.getRange(rowIndex, columnIndex);
    const oldValue = range.getValue();
    range.setValue(value);
    script.onSheetEdit({ range, value, oldValue: oldValue === "" ? undefined : String(oldValue), source: services.spreadsheet });
    return { value: range.getValue(), note: target.notes.get(`${rowIndex}:${columnIndex}`) ?? null };
  }

  /** Changes the sheet behind the script's back (another script, a formula, an API client): drift for reconcile to find. */
  function tamper(change: Tamper): { rows: number } {
    const target = sheet();
    const rowOf = (id: string) => target.values().findIndex((row) => row[0] === id) + 1;
    if ("set" in change) {
      const header = target.getRange(1, 1, 1, target.getLastColumn()).getValues()[0]!;
      target.getRange(rowOf(change.set.dispatchId), header.indexOf(change.set.column) + 1).setValue(change.set.value);
    } else if ("deleteRow" in change) {
      target.deleteRow(rowOf(change.deleteRow));
    } else {
      target.getRange(target.getLastRow() + 1, 1, 1, change.appendRow.length).setValues([change.appendRow]);
    }
    return { rows: target.getLastRow() };
  }

  async function control(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const json = (value: unknown) => send(response, 200, "application/json", JSON.stringify(value));
    if (url.pathname === "/__sheet") return json({ values: plainValues(sheet()), notes: Object.fromEntries(sheet().notes) });
    if (url.pathname === "/__log") return json({ batches });
    if (url.pathname === "/__rows") {
      // How many of the given dispatch ids have a row: a cheap probe for the benchmarks.
      const wanted = new Set((url.searchParams.get("ids") ?? "").split(","));
      return json({ present: sheet().values().filter((row) => wanted.has(String(row[0]))).length });
    }
    const body = JSON.parse((await readBody(request)) || "{}") as WebAppFaults & EditRequest;
    if (url.pathname === "/__control") {
      // Answered first: refusing connections closes this one too.
      response.on("finish", () => setFaults(body));
      return json({ faults: { ...faults, ...body } });
    }
    if (url.pathname === "/__edit") return json(edit(body));
    if (url.pathname === "/__tamper") return json(tamper(body as unknown as Tamper));
    if (url.pathname === "/__property") {
      const { key, value } = body as unknown as { key: string; value: string };
      services.properties.setProperty(key, value);
      return json({ key });
    }
    send(response, 404, "application/json", "{}");
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const work =
      url.pathname.startsWith("/__") ? control(request, response, url)
      : request.method === "POST" && url.pathname.endsWith("/exec") ? execute(request, response, url)
      : request.method === "GET" && url.pathname === "/macros/echo" ? Promise.resolve(echo(response, url))
      : Promise.resolve(send(response, 404, "text/html", "<html><body>Sorry, unable to open the file at this time.</body></html>"));
    work.catch((error: unknown) => send(response, 500, "text/plain", String(error)));
  });

  function echo(response: http.ServerResponse, url: URL): void {
    const key = url.searchParams.get("user_content_key") ?? "";
    const output = outputs.get(key);
    outputs.delete(key);
    if (!output) return send(response, 404, "text/html", "<html><body>Sorry, the file you have requested does not exist.</body></html>");
    send(response, 200, output.getMimeType(), output.getContent());
  }

  const listen = (port: number) => new Promise<number>((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
  const port = await listen(options.port ?? 0);

  function setFaults(next: WebAppFaults): void {
    faults = { ...faults, ...next };
    if (next.refuseForMs) {
      const refuseFor = next.refuseForMs;
      delete faults.refuseForMs;
      server.close(() => setTimeout(() => void listen(port), refuseFor));
      server.closeAllConnections();
    }
  }

  return {
    url: `http://127.0.0.1:${port}/macros/s/deskops-fake/exec`,
    controlUrl: `http://127.0.0.1:${port}`,
    sheet,
    batches,
    setFaults,
    setProperty: (key, value) => void services.properties.setProperty(key, value),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
