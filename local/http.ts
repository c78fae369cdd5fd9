// Small HTTP helpers shared by the stack's Node servers.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A handler mounted under a prefix; `path` is what follows the prefix, query string included. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

export class BodyError extends Error {
  constructor(
    readonly kind: "too_large" | "bad_json",
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyError("too_large", "Request body is too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `{}`, as Go's decoder in GoTrue treats it. */
export async function readJson(req: IncomingMessage, limitBytes = 1_000_000): Promise<unknown> {
  const raw = (await readBody(req, limitBytes)).toString("utf8");
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new BodyError("bad_json", `Could not parse request body as JSON: ${(error as Error).message}`);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
