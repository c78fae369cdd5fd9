// In-memory stand-ins for the Apps Script services Code.gs uses, following Google's reference
// (developers.google.com/apps-script/reference): SpreadsheetApp (1-based ranges, getValues()
// returns '' for empty cells, setValues() refuses data of another size), LockService,
// PropertiesService, Utilities (HMAC as Java's signed bytes), ContentService and UrlFetchApp
// (synchronous, as in Apps Script). Only what Code.gs calls is here.
import { createHmac } from "node:crypto";
import { spawnSync } from "node:child_process";

export type CellValue = string | number | boolean | Date;

export class FakeSheet {
  readonly rows: CellValue[][] = [];
  readonly notes = new Map<string, string>();

  constructor(private readonly name: string) {}

  getName(): string {
    return this.name;
  }

  getLastRow(): number {
    let last = this.rows.length;
    while (last > 0 && this.rows[last - 1]!.every((cell) => cell === "")) last -= 1;
    return last;
  }

  getLastColumn(): number {
    return Math.max(0, ...this.rows.map((row) => row.length));
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) throw new Error("Exception: The coordinates of the range are outside the dimensions of the sheet.");
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  deleteRow(row: number): void {
    if (row < 1 || row > this.rows.length) throw new Error("Exception: Those rows are out of bounds.");
    this.rows.splice(row - 1, 1);
  }

  /** Test helper: the values as the sheet shows them, header first. */
  values(): CellValue[][] {
    return this.rows.slice(0, this.getLastRow()).map((row) => [...row]);
  }
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  getSheet = () => this.sheet;
  getRow = () => this.row;
  getColumn = () => this.column;
  getNumRows = () => this.numRows;
  getNumColumns = () => this.numColumns;

  getValues(): CellValue[][] {
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => this.sheet.rows[this.row - 1 + r]?.[this.column - 1 + c] ?? ""));
  }

  getValue(): CellValue {
    return this.getValues()[0]![0]!;
  }

  setValues(values: CellValue[][]): FakeRange {
    if (values.length !== this.numRows) throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    values.forEach((line, r) => {
      if (line.length !== this.numColumns) throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`);
      const target = this.row - 1 + r;
      while (this.sheet.rows.length <= target) this.sheet.rows.push([]);
      const sheetRow = this.sheet.rows[target]!;
      line.forEach((value, c) => {
        while (sheetRow.length < this.column - 1 + c) sheetRow.push("");
        sheetRow[this.column - 1 + c] = value ?? "";
      });
    });
    return this;
  }

  setValue(value: CellValue): FakeRange {
    return this.setValues([[value]]);
  }

  setNote(note: string | null): FakeRange {
    const key = `${this.row}:${this.column}`;
    if (note) this.sheet.notes.set(key, note);
    else this.sheet.notes.delete(key);
    return this;
  }

  clearNote(): FakeRange {
    return this.setNote(null);
  }
}

export class FakeSpreadsheet {
  readonly sheets = new Map<string, FakeSheet>();

  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.get(name) ?? null;
  }

  insertSheet(name: string): FakeSheet {
    if (this.sheets.has(name)) throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(name);
    this.sheets.set(name, sheet);
    return sheet;
  }
}

/** A script lock. Apps Script runs one execution's code without interruption here, so the lock is never contended within a process; it still refuses a second acquire. */
class FakeLock {
  private held = false;

  waitLock(timeoutMs: number): void {
    if (this.held) throw new Error(`Exception: Lock timeout after ${timeoutMs} ms`);
    this.held = true;
  }

  releaseLock(): void {
    this.held = false;
  }
}

class FakeProperties {
  private readonly values = new Map<string, string>();

  getProperty = (key: string): string | null => this.values.get(key) ?? null;
  setProperty = (key: string, value: string) => (this.values.set(key, String(value)), this);
  deleteProperty = (key: string) => (this.values.delete(key), this);
  getProperties = (): Record<string, string> => Object.fromEntries(this.values);
}

class TextOutput {
  private mimeType = "text/plain";

  constructor(readonly content: string) {}

  setMimeType(mimeType: string): TextOutput {
    this.mimeType = mimeType;
    return this;
  }

  getContent = () => this.content;
  getMimeType = () => this.mimeType;
}

export interface FetchResponse {
  getResponseCode(): number;
  getContentText(): string;
}

/** UrlFetchApp.fetch is synchronous in Apps Script: here a child Node process makes the request while this one waits. */
function fetchSync(url: string, params: { method?: string; contentType?: string; payload?: string; muteHttpExceptions?: boolean }): FetchResponse {
  const program = `
    const [url, method, contentType, payload] = JSON.parse(process.argv[1]);
    fetch(url, { method, headers: contentType ? { "content-type": contentType } : {}, body: payload ?? undefined })
      .then(async (r) => process.stdout.write(JSON.stringify({ code: r.status, text: await r.text() })))
      .catch((e) => process.stdout.write(JSON.stringify({ error: String(e) })));`;
  const result = spawnSync(process.execPath, ["-e", program, JSON.stringify([url, (params.method ?? "get").toUpperCase(), params.contentType, params.payload])], { encoding: "utf8", timeout: 60_000 });
  const answer = JSON.parse(result.stdout || '{"error":"no answer"}') as { code?: number; text?: string; error?: string };
  if (answer.error) throw new Error(`Exception: Address unavailable: ${url} (${answer.error})`);
  if (!params.muteHttpExceptions && answer.code! >= 400) throw new Error(`Exception: Request failed for ${url} returned code ${answer.code}`);
  return { getResponseCode: () => answer.code!, getContentText: () => answer.text ?? "" };
}

export interface AppsScriptServices {
  spreadsheet: FakeSpreadsheet;
  properties: FakeProperties;
  globals: Record<string, unknown>;
}

export function appsScriptServices(): AppsScriptServices {
  const spreadsheet = new FakeSpreadsheet();
  const properties = new FakeProperties();
  const lock = new FakeLock();
  const globals = {
    SpreadsheetApp: { getActiveSpreadsheet: () => spreadsheet },
    LockService: { getScriptLock: () => lock },
    PropertiesService: { getScriptProperties: () => properties },
    Utilities: {
      computeHmacSha256Signature: (value: string, key: string): number[] =>
        Array.from(new Int8Array(createHmac("sha256", Buffer.from(key, "utf8")).update(Buffer.from(value, "utf8")).digest())),
    },
    ContentService: { createTextOutput: (content: string) => new TextOutput(content), MimeType: { JSON: "application/json", TEXT: "text/plain" } },
    UrlFetchApp: { fetch: fetchSync },
  };
  return { spreadsheet, properties, globals };
}

export type { TextOutput };
