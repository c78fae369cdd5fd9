// A Supabase Realtime-compatible server: Phoenix channels over WebSocket (vsn 1.0.0 and 2.0.0),
// postgres_changes from the change feed (judged under RLS on the change itself), broadcast between
// clients and from the database (realtime.send), presence, and private channels authorized by RLS
// policies on realtime.messages. The REST broadcast endpoints live in broadcast-api.ts.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import pg from "pg";
import { WebSocketServer, type WebSocket } from "ws";
import type { RouteHandler } from "../http";
import { JwtError, verifyJwt, type JwtClaims } from "../jwt";
import type { Logger } from "../log";
import { canWrite, readPolicies, type Extension, type ReadPolicies } from "./authorization";
import { createBroadcastApi, type OutgoingBroadcast } from "./broadcast-api";
import { startChangeFeed, type ChangeFeed, type TableChange } from "./changes";
import { JoinError, applyChange, bindingWants, changePayload, filterPasses, parseBindings, type Binding } from "./postgres-changes";
import { PresenceRooms, type PresenceDiff } from "./presence";
import { ProtocolError, UnsupportedMessage, decode, decodeBinary, encode, type PhoenixMessage, type Vsn } from "./protocol";

export interface RealtimeOptions {
  databaseUrl: string;
  jwtSecret: string;
  log: Logger;
  slotName?: string;
  /** A socket that sends nothing (not even heartbeats) for this long is closed. */
  heartbeatTimeoutMs?: number;
}

export interface RealtimeServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** /realtime/v1/api/*: the REST broadcast endpoints. */
  api: RouteHandler;
  stop(): Promise<void>;
}

interface Channel {
  topic: string;
  /** The topic without "realtime:": what realtime.topic() returns and realtime.messages holds. */
  subTopic: string;
  private: boolean;
  joinRef: string | null;
  claims: JwtClaims;
  bindings: Binding[];
  broadcastSelf: boolean;
  broadcastAck: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  /** Private channels: what RLS on realtime.messages lets the user receive (checked at join). */
  reads: ReadPolicies | null;
  /** Private channels: what it lets the user send, checked at the first send. */
  writes: Partial<Record<Extension, boolean>>;
}

interface Connection {
  ws: WebSocket;
  vsn: Vsn;
  apiKey: string | null;
  channels: Map<string, Channel>;
  lastSeen: number;
  /** Messages are handled one after another: a join's database checks finish before the next message. */
  queue: Promise<void>;
}

const API_ROLES = new Set(["anon", "authenticated"]);
const POOL_SIZE = 6;
/** Connections a change may use to judge its subscribers at once (the rest serve joins). */
const JUDGING_CONNECTIONS = 4;
const MESSAGES_PUBLICATION = "supabase_realtime_messages_publication";
const MESSAGE_RETENTION = "3 days";

/** Errors of a database that cannot answer right now (no SQLSTATE, connection or shutdown classes), not of the query. */
function isUnavailable(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return !/^[0-9A-Z]{5}$/.test(code) || code.startsWith("08") || code.startsWith("57P");
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Public and private channels of one name are different rooms, as on Supabase. */
const roomOf = (isPrivate: boolean, subTopic: string) => `${isPrivate ? "private" : "public"}|${subTopic}`;
const channelRoom = (channel: Channel) => roomOf(channel.private, channel.subTopic);

function verifyToken(token: string, secret: string): JwtClaims {
  try {
    return verifyJwt(token, secret, Math.floor(Date.now() / 1000));
  } catch (error) {
    if (error instanceof JwtError) throw new JoinError(error.reason === "expired" ? "Token has expired" : "Invalid JWT Token");
    throw error;
  }
}

export async function createRealtimeServer(options: RealtimeOptions): Promise<RealtimeServer> {
  const { log, jwtSecret } = options;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 60_000;
  const connections = new Set<Connection>();
  const presence = new PresenceRooms<Channel>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: POOL_SIZE });
  pool.on("error", (error) => log.error(`realtime database connection: ${error.message}`));

  const send = (connection: Connection, message: PhoenixMessage) => {
    if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(encode(connection.vsn, message));
  };
  const reply = (connection: Connection, request: PhoenixMessage, status: "ok" | "error", response: Record<string, unknown>) =>
    send(connection, { join_ref: request.join_ref, ref: request.ref, topic: request.topic, event: "phx_reply", payload: { status, response } });
  const push = (connection: Connection, channel: Channel, event: string, payload: Record<string, unknown>) =>
    send(connection, { join_ref: channel.joinRef, ref: null, topic: channel.topic, event, payload });
  const system = (connection: Connection, channel: Channel, extension: string, status: "ok" | "error", message: string) =>
    push(connection, channel, "system", { status, message, extension, channel: channel.subTopic });

  /** Every channel in a room, with its connection. */
  function* membersOf(room: string): Generator<{ connection: Connection; channel: Channel }> {
    for (const connection of connections) {
      for (const channel of connection.channels.values()) if (channelRoom(channel) === room) yield { connection, channel };
    }
  }

  const mayReceive = (channel: Channel, extension: Extension) => !channel.private || channel.reads?.[extension] === true;

  function sendPresenceDiff(room: string, diff: PresenceDiff | null): void {
    if (!diff) return;
    for (const { connection, channel } of membersOf(room)) {
      if (channel.presenceEnabled && mayReceive(channel, "presence")) push(connection, channel, "presence_diff", { ...diff });
    }
  }

  function leave(connection: Connection, channel: Channel): void {
    connection.channels.delete(channel.topic);
    sendPresenceDiff(channelRoom(channel), presence.untrack(channelRoom(channel), channel));
  }

  const closeChannel = (connection: Connection, channel: Channel, message: string) => {
    system(connection, channel, "system", "error", message);
    push(connection, channel, "phx_close", {});
    leave(connection, channel);
  };

  /** Broadcasts to a room: every channel that may receive, but `sender` unless it asked for its own. */
  function fanOut(room: string, payload: Record<string, unknown>, sender?: Channel): void {
    for (const { connection, channel } of membersOf(room)) {
      if (channel === sender && !channel.broadcastSelf) continue;
      if (mayReceive(channel, "broadcast")) push(connection, channel, "broadcast", payload);
    }
  }

  async function join(connection: Connection, message: PhoenixMessage): Promise<void> {
    const config = isRecord(message.payload.config) ? message.payload.config : {};
    const token = typeof message.payload.access_token === "string" ? message.payload.access_token : connection.apiKey;
    const subTopic = message.topic.replace(/^realtime:/, "");
    try {
      if (!token) throw new JoinError("Missing JWT: send an apikey or access_token");
      const claims = verifyToken(token, jwtSecret);
      const bindings = parseBindings(config);
      const broadcast = isRecord(config.broadcast) ? config.broadcast : {};
      const presenceConfig = isRecord(config.presence) ? config.presence : {};
      const isPrivate = config.private === true;
      if (isRecord(broadcast.replay)) throw new JoinError("Message replay is not supported by the DeskOps local Realtime server");
      let reads: ReadPolicies | null = null;
      if (isPrivate) {
        reads = await readPolicies(pool, subTopic, claims).catch(() => ({ broadcast: false, presence: false }));
        if (!reads.broadcast && !reads.presence) throw new JoinError(`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`);
      }
      const previous = connection.channels.get(message.topic);
      if (previous) leave(connection, previous);
      const channel: Channel = {
        topic: message.topic,
        subTopic,
        private: isPrivate,
        joinRef: message.join_ref ?? message.ref,
        claims,
        bindings,
        broadcastSelf: broadcast.self === true,
        broadcastAck: broadcast.ack === true,
        presenceKey: typeof presenceConfig.key === "string" && presenceConfig.key !== "" ? presenceConfig.key : randomUUID(),
        presenceEnabled: presenceConfig.enabled === true,
        reads,
        writes: {},
      };
      connection.channels.set(message.topic, channel);
      reply(connection, message, "ok", {
        postgres_changes: bindings.map(({ id, event, schema, table, filterText }) => ({ id, event, schema, table, filter: filterText })),
      });
      if (bindings.length > 0) system(connection, channel, "postgres_changes", "ok", "Subscribed to PostgreSQL");
      if (channel.presenceEnabled && mayReceive(channel, "presence")) push(connection, channel, "presence_state", presence.state(channelRoom(channel)));
    } catch (error) {
      if (!(error instanceof JoinError)) throw error;
      reply(connection, message, "error", { reason: error.message });
    }
  }

  /** Private channels: may the user send this kind of message? Asked once per channel, as Realtime caches it. */
  async function allowedToSend(channel: Channel, extension: Extension): Promise<boolean> {
    if (!channel.private) return true;
    channel.writes[extension] ??= await canWrite(pool, channel.subTopic, channel.claims, extension).catch(() => false);
    return channel.writes[extension] === true;
  }

  async function clientBroadcast(connection: Connection, message: PhoenixMessage): Promise<void> {
    const channel = connection.channels.get(message.topic);
    if (!channel) return reply(connection, message, "error", { reason: "Join the channel before broadcasting" });
    // A private channel's user without an insert policy is ignored, as Realtime ignores it.
    if (!(await allowedToSend(channel, "broadcast"))) return;
    fanOut(channelRoom(channel), message.payload, channel);
    if (channel.broadcastAck) reply(connection, message, "ok", {});
  }

  async function clientPresence(connection: Connection, message: PhoenixMessage): Promise<void> {
    const channel = connection.channels.get(message.topic);
    if (!channel) return reply(connection, message, "error", { reason: "Join the channel before tracking presence" });
    const room = channelRoom(channel);
    const event = typeof message.payload.event === "string" ? message.payload.event.toLowerCase() : "";
    if (event === "untrack") {
      sendPresenceDiff(room, presence.untrack(room, channel));
      return reply(connection, message, "ok", {});
    }
    if (event !== "track") return reply(connection, message, "error", { reason: `Unknown presence event "${String(message.payload.event)}"` });
    const payload = message.payload.payload ?? {};
    if (!isRecord(payload)) return reply(connection, message, "error", { reason: "Presence payload must be an object" });
    if (!(await allowedToSend(channel, "presence"))) return reply(connection, message, "error", { reason: "Unauthorized: You do not have permissions to track presence on this Channel topic" });
    // Tracking turns presence on for the channel, as on Supabase.
    if (!channel.presenceEnabled) {
      channel.presenceEnabled = true;
      if (mayReceive(channel, "presence")) push(connection, channel, "presence_state", presence.state(room));
    }
    sendPresenceDiff(room, presence.track(room, channel, channel.presenceKey, payload));
    reply(connection, message, "ok", {});
  }

  function refreshToken(connection: Connection, message: PhoenixMessage): void {
    const channel = connection.channels.get(message.topic);
    const token = message.payload.access_token;
    if (!channel || typeof token !== "string") return;
    try {
      channel.claims = verifyToken(token, jwtSecret);
      channel.writes = {};
    } catch (error) {
      if (!(error instanceof JoinError)) throw error;
      closeChannel(connection, channel, error.message);
    }
  }

  async function handle(connection: Connection, message: PhoenixMessage): Promise<void> {
    if (message.topic === "phoenix" && message.event === "heartbeat") return reply(connection, message, "ok", {});
    switch (message.event) {
      case "phx_join":
        return join(connection, message);
      case "phx_leave": {
        const channel = connection.channels.get(message.topic);
        if (channel) leave(connection, channel);
        reply(connection, message, "ok", {});
        return send(connection, { join_ref: message.join_ref, ref: message.ref, topic: message.topic, event: "phx_close", payload: {} });
      }
      case "access_token":
        return refreshToken(connection, message);
      case "broadcast":
        return clientBroadcast(connection, message);
      case "presence":
        return clientPresence(connection, message);
      default:
        return reply(connection, message, "error", { reason: `Unknown event "${message.event}"` });
    }
  }

  /** A change to a table in the supabase_realtime publication, to the channels that may see it. */
  async function deliverChange(change: TableChange): Promise<void> {
    const targets: Array<{ connection: Connection; channel: Channel; bindings: Binding[] }> = [];
    const now = Math.floor(Date.now() / 1000);
    for (const connection of connections) {
      for (const channel of [...connection.channels.values()]) {
        const bindings = channel.bindings.filter((binding) => bindingWants(binding, change));
        if (bindings.length === 0) continue;
        if (typeof channel.claims.exp === "number" && channel.claims.exp <= now) {
          closeChannel(connection, channel, "Token has expired");
          continue;
        }
        targets.push({ connection, channel, bindings });
      }
    }
    if (targets.length === 0) return;
    // Each distinct set of claims is judged once; the service role sees everything.
    const distinct = new Map<string, JwtClaims>();
    for (const { channel } of targets) distinct.set(JSON.stringify(channel.claims), channel.claims);
    const judged = [...distinct.values()].filter((claims) => typeof claims.role === "string" && API_ROLES.has(claims.role));
    let applied;
    try {
      applied = await applyChange(pool, change, judged, JUDGING_CONNECTIONS);
    } catch (error) {
      // A database that is away (a restart, a lost connection) is waited for: the feed reads the
      // change again. A policy that fails to run is logged and the change skipped: retrying
      // would stop the whole feed behind it.
      if (isUnavailable(error)) throw error;
      log.error(`realtime: could not apply a change to ${change.schema}.${change.table}: ${(error as Error).message}`);
      return;
    }
    const visible = new Map(judged.map((claims, index) => [JSON.stringify(claims), applied.visible[index] === true]));
    const row = applied.record ?? applied.oldKey ?? {};
    for (const { connection, channel, bindings } of targets) {
      const key = JSON.stringify(channel.claims);
      if (channel.claims.role !== "service_role" && !visible.get(key)) continue;
      const ids = bindings.filter((binding) => filterPasses(binding, change, row)).map((binding) => binding.id);
      if (ids.length > 0) push(connection, channel, "postgres_changes", changePayload(change, applied, ids));
    }
  }

  /** A row realtime.send() inserted: a broadcast from the database to the topic's channels. */
  function deliverDatabaseBroadcast(change: TableChange): void {
    const values = change.values;
    if (change.type !== "INSERT" || !values || values.extension !== "broadcast" || values.topic === null || values.topic === undefined) return;
    let payload: unknown = null;
    try {
      payload = values.payload === null || values.payload === undefined ? null : (JSON.parse(values.payload) as unknown);
    } catch {
      return log.error(`realtime: a realtime.messages row on ${values.topic} has a payload that is not JSON`);
    }
    fanOut(roomOf(values.private === "t", values.topic), { type: "broadcast", event: values.event ?? "", payload, meta: { id: values.id } });
  }

  const feed: ChangeFeed = await startChangeFeed({
    databaseUrl: options.databaseUrl,
    slotName: options.slotName ?? "deskops_realtime",
    publications: ["supabase_realtime", MESSAGES_PUBLICATION],
    log,
    onChange: async (change) => {
      if (change.schema === "realtime" && change.table === "messages") return deliverDatabaseBroadcast(change);
      return deliverChange(change);
    },
  });

  /** The REST endpoints deliver like a client's broadcast, after the same authorization. */
  async function restBroadcast(message: OutgoingBroadcast, claims: JwtClaims): Promise<boolean> {
    if (message.private && claims.role !== "service_role") {
      const allowed = await canWrite(pool, message.topic, claims, "broadcast").catch(() => false);
      if (!allowed) return false;
    }
    fanOut(roomOf(message.private, message.topic), { type: "broadcast", event: message.event, payload: message.payload });
    return true;
  }

  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const url = new URL(req.url ?? "/", "http://realtime");
    const vsn: Vsn = url.searchParams.get("vsn") === "2.0.0" ? "2.0.0" : "1.0.0";
    const connection: Connection = { ws, vsn, apiKey: url.searchParams.get("apikey"), channels: new Map(), lastSeen: Date.now(), queue: Promise.resolve() };
    connections.add(connection);
    ws.on("message", (data, isBinary) => {
      connection.lastSeen = Date.now();
      let message: PhoenixMessage;
      try {
        const frame = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        message = isBinary ? decodeBinary(frame) : decode(vsn, frame.toString("utf8"));
      } catch (error) {
        if (error instanceof UnsupportedMessage) return reply(connection, error.request, "error", { reason: error.message });
        if (error instanceof ProtocolError) return log.child("realtime", `ignored a malformed message: ${error.message}`);
        return log.error(`realtime: ${(error as Error).message}`);
      }
      connection.queue = connection.queue.then(() => handle(connection, message)).catch((error: unknown) => log.error(`realtime: ${(error as Error).message}`));
    });
    const gone = () => {
      if (!connections.delete(connection)) return;
      for (const channel of [...connection.channels.values()]) leave(connection, channel);
    };
    ws.on("close", gone);
    ws.on("error", gone);
  });

  const reaper = setInterval(() => {
    const cutoff = Date.now() - heartbeatTimeoutMs;
    for (const connection of connections) {
      if (connection.lastSeen < cutoff) {
        connection.ws.terminate();
        connections.delete(connection);
        for (const channel of [...connection.channels.values()]) leave(connection, channel);
      }
    }
  }, Math.min(heartbeatTimeoutMs, 15_000));
  // realtime.messages only carries broadcasts on their way out; Supabase drops old partitions too.
  const cleaner = setInterval(() => {
    pool.query(`delete from realtime.messages where inserted_at < now() - interval '${MESSAGE_RETENTION}'`).catch(() => {});
  }, 3_600_000);

  return {
    handleUpgrade: (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    api: createBroadcastApi({ jwtSecret, deliver: restBroadcast }),
    stop: async () => {
      clearInterval(reaper);
      clearInterval(cleaner);
      for (const connection of connections) connection.ws.terminate();
      connections.clear();
      await new Promise((resolve) => wss.close(resolve));
      await feed.stop();
      await pool.end();
    },
  };
}
