// The API gateway on one port, as Kong is on Supabase: routes /rest/v1, /auth/v1 and
// /functions/v1, checks the `apikey` where Kong's key-auth does, and answers CORS for browsers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { sendJson, type RouteHandler } from "./http";

/** Takes over a WebSocket upgrade request (Realtime). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface GatewayOptions {
  /** The keys Kong knows as consumers: the anon and service-role keys. */
  apiKeys: string[];
  /** Route handlers by prefix, e.g. "/auth/v1". */
  routes: Record<string, RouteHandler>;
  /** WebSocket endpoints by path, e.g. "/realtime/v1/websocket". */
  upgrades?: Record<string, UpgradeHandler>;
}

// Kong's open routes: no apikey needed (the service checks what it needs itself).
const OPEN_PATHS = [
  /^\/auth\/v1\/(verify|callback|authorize|health)(\/|\?|$)/,
  /^\/auth\/v1\/\.well-known\/jwks\.json/,
  /^\/functions\/v1\//,
  /^\/storage\/v1\//,
  // The local inbox (not part of Supabase's API): for people reading their mail in a browser.
  /^\/inbox(\/|\?|$)/,
];

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers":
    "content-range, content-location, content-profile, location, preference-applied, range-unit, x-total-count, link, x-supabase-api-version, x-request-id",
};

function apiKeyOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.apikey;
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey");
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS_HEADERS,
    "access-control-allow-methods": "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS",
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-max-age": "3600",
  });
  res.end();
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Not Found"}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function createGateway(options: GatewayOptions): Server {
  const prefixes = Object.keys(options.routes).sort((a, b) => b.length - a.length);
  const validKeys = new Set(options.apiKeys);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (req.method === "OPTIONS") return answerPreflight(req, res);
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);

    const prefix = prefixes.find((candidate) => url.pathname === candidate || url.pathname.startsWith(`${candidate}/`));
    if (!prefix) return sendJson(res, 404, { message: "no Route matched with those values" });

    if (!OPEN_PATHS.some((pattern) => pattern.test(url.pathname))) {
      const key = apiKeyOf(req, url);
      if (!key) return sendJson(res, 401, { message: "No API key found in request" });
      if (!validKeys.has(key)) return sendJson(res, 401, { message: "Invalid authentication credentials" });
    }
    // The raw path, not the parsed one: URL parsing resolves "..", and a service must see what
    // the client sent to refuse it.
    const raw = req.url ?? "/";
    const rest = raw.startsWith(prefix) ? raw.slice(prefix.length) || "/" : (url.pathname.slice(prefix.length) || "/") + url.search;
    options.routes[prefix]!(req, res, rest).catch((error: unknown) => {
      console.error(`[gateway] ${prefix} failed`, error);
      if (!res.headersSent) sendJson(res, 500, { message: "An unexpected error occurred" });
      else res.destroy();
    });
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://gateway");
    const handler = options.upgrades?.[url.pathname.replace(/\/+$/, "")];
    if (!handler) return refuseUpgrade(socket, 404, "no Route matched with those values");
    // Browsers cannot set headers on a WebSocket: the apikey comes as a query parameter.
    const key = apiKeyOf(req, url);
    if (!key) return refuseUpgrade(socket, 401, "No API key found in request");
    if (!validKeys.has(key)) return refuseUpgrade(socket, 401, "Invalid authentication credentials");
    handler(req, socket, head);
  });
  return server;
}
