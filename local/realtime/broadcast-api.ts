// Realtime's REST broadcast endpoints, as realtime-js calls them (channel.httpSend, and send()
// before a channel is joined): POST /api/broadcast with { messages: [...] }, and
// POST /api/broadcast/<topic>/events/<event>[?private=true] with the payload as the body. Both
// answer 202. Private messages need the sender's insert policy on realtime.messages (the service
// role skips it); the batch endpoint drops a refused one silently, the single one answers 403,
// as Supabase's Realtime does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyError, isRecord, readJson, sendJson, type RouteHandler } from "../http";
import { JwtError, bearerToken, verifyJwt, type JwtClaims } from "../jwt";

export interface OutgoingBroadcast {
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
}

export interface BroadcastApiOptions {
  jwtSecret: string;
  /** Delivers one message as `claims`; false when a private topic's policies refuse it. */
  deliver(message: OutgoingBroadcast, claims: JwtClaims): Promise<boolean>;
}

const MAX_BODY = 3_000_000;

function claimsOf(req: IncomingMessage, jwtSecret: string): JwtClaims {
  const header = Array.isArray(req.headers.apikey) ? req.headers.apikey[0] : req.headers.apikey;
  const token = bearerToken(req.headers.authorization) ?? header ?? "";
  return verifyJwt(token, jwtSecret, Math.floor(Date.now() / 1000));
}

/** Ecto's changeset errors, as Realtime renders them: 422 { errors: { field: [messages] } }. */
const invalid = (res: ServerResponse, errors: Record<string, string[]>) => sendJson(res, 422, { errors });

function parseBatch(body: unknown): OutgoingBroadcast[] | Record<string, string[]> {
  if (!isRecord(body) || !Array.isArray(body.messages)) return { messages: ["is invalid"] };
  const messages: OutgoingBroadcast[] = [];
  for (const raw of body.messages) {
    if (!isRecord(raw) || typeof raw.topic !== "string" || raw.topic === "" || typeof raw.event !== "string" || raw.event === "" || !isRecord(raw.payload)) {
      return { messages: ["each message needs a topic, an event and a payload object"] };
    }
    messages.push({ topic: raw.topic, event: raw.event, payload: raw.payload, private: raw.private === true });
  }
  return messages;
}

export function createBroadcastApi(options: BroadcastApiOptions): RouteHandler {
  return async (req, res, path) => {
    const url = new URL(path, "http://realtime");
    const single = /^\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(url.pathname);
    if (req.method !== "POST" || (url.pathname !== "/broadcast" && !single)) return sendJson(res, 404, { message: "not found" });
    let claims: JwtClaims;
    try {
      claims = claimsOf(req, options.jwtSecret);
    } catch (error) {
      if (error instanceof JwtError) return sendJson(res, 401, { message: "Unauthorized" });
      throw error;
    }
    if (single && (req.headers["content-type"] ?? "").startsWith("application/octet-stream")) {
      return sendJson(res, 415, { message: "Binary broadcast payloads are not supported by the DeskOps local Realtime server; send JSON." });
    }
    let body: unknown;
    try {
      body = await readJson(req, MAX_BODY);
    } catch (error) {
      if (error instanceof BodyError) return sendJson(res, error.kind === "too_large" ? 413 : 400, { message: error.message });
      throw error;
    }
    if (single) {
      const message = { topic: decodeURIComponent(single[1]!), event: decodeURIComponent(single[2]!), payload: body, private: url.searchParams.get("private") === "true" };
      if (!(await options.deliver(message, claims))) return sendJson(res, 403, { message: "Unauthorized" });
    } else {
      const messages = parseBatch(body);
      if (!Array.isArray(messages)) return invalid(res, messages);
      for (const message of messages) await options.deliver(message, claims);
    }
    res.writeHead(202, { "content-length": "0" });
    res.end();
  };
}
