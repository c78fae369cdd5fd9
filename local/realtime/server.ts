// A Supabase Realtime-compatible WebSocket server: Phoenix channels, postgres_changes from the
// change feed, delivered to a socket only if its user could select the row under RLS, and
// broadcast between clients. Presence is not implemented: joining with it gets an error reply.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import pg from "pg";
import { WebSocketServer, type WebSocket } from "ws";
import { JwtError, verifyJwt, type JwtClaims } from "../jwt";
import type { Logger } from "../log";
import { startChangeFeed, type ChangeFeed, type TableChange } from "./changes";
import { matchesFilter, parseFilter, type ChangeFilter } from "./filters";
import { ProtocolError, decode, decodeBinary, encode, type PhoenixMessage, type Vsn } from "./protocol";

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
  stop(): Promise<void>;
}

interface Binding {
  id: number;
  event: "*" | "INSERT" | "UPDATE" | "DELETE";
  schema: string;
  table?: string;
  filterText?: string;
  filter: ChangeFilter | null;
}

interface Channel {
  topic: string;
  joinRef: string | null;
  claims: JwtClaims;
  bindings: Binding[];
  broadcastSelf: boolean;
  broadcastAck: boolean;
}

interface Connection {
  ws: WebSocket;
  vsn: Vsn;
  apiKey: string | null;
  channels: Map<string, Channel>;
  lastSeen: number;
}

const EVENTS = new Set(["*", "INSERT", "UPDATE", "DELETE"]);
const API_ROLES = new Set(["anon", "authenticated"]);

class JoinError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A stable positive id for a binding, as Realtime derives one from the binding's parameters. */
function bindingId(parts: unknown[]): number {
  return createHash("sha1").update(JSON.stringify(parts)).digest().readUInt32BE(0) % 100_000_000;
}

function verifyToken(token: string, secret: string): JwtClaims {
  try {
    return verifyJwt(token, secret, Math.floor(Date.now() / 1000));
  } catch (error) {
    if (error instanceof JwtError) {
      throw new JoinError(error.reason === "expired" ? "Token has expired" : "Invalid JWT Token");
    }
    throw error;
  }
}

function parseBindings(config: Record<string, unknown>): Binding[] {
  const requested = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
  return requested.map((raw): Binding => {
    if (!isRecord(raw)) throw new JoinError("postgres_changes bindings must be objects");
    const event = typeof raw.event === "string" ? raw.event.toUpperCase() : "";
    if (!EVENTS.has(event)) throw new JoinError(`Invalid postgres_changes event "${String(raw.event)}"`);
    if (typeof raw.schema !== "string" || raw.schema === "") throw new JoinError("postgres_changes bindings need a schema");
    const table = typeof raw.table === "string" && raw.table !== "" ? raw.table : undefined;
    const filterText = typeof raw.filter === "string" && raw.filter !== "" ? raw.filter : undefined;
    let filter: ChangeFilter | null = null;
    if (filterText) {
      try {
        filter = parseFilter(filterText);
      } catch (error) {
        throw new JoinError((error as Error).message);
      }
    }
    return {
      id: bindingId([raw.event, raw.schema, table ?? null, filterText ?? null]),
      event: event as Binding["event"],
      schema: raw.schema,
      table,
      filterText,
      filter,
    };
  });
}

function bindingMatches(binding: Binding, change: TableChange): boolean {
  if (binding.schema !== "*" && binding.schema !== change.schema) return false;
  if (binding.table && binding.table !== "*" && binding.table !== change.table) return false;
  if (binding.event !== "*" && binding.event !== change.type) return false;
  if (!binding.filter) return true;
  // Filters apply to the new row; deletes carry only the key, as on Supabase.
  const row = change.record ?? change.oldRecord ?? {};
  const type = change.columns.find((column) => column.name === binding.filter!.column)?.type ?? "text";
  return matchesFilter(binding.filter, row, type);
}

export async function createRealtimeServer(options: RealtimeOptions): Promise<RealtimeServer> {
  const { log, jwtSecret } = options;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 60_000;
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  pool.on("error", (error) => log.error(`realtime database connection: ${error.message}`));

  const send = (connection: Connection, message: PhoenixMessage) => {
    if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(encode(connection.vsn, message));
  };
  const reply = (connection: Connection, request: PhoenixMessage, status: "ok" | "error", response: Record<string, unknown>) =>
    send(connection, { join_ref: request.join_ref, ref: request.ref, topic: request.topic, event: "phx_reply", payload: { status, response } });
  const closeChannel = (connection: Connection, channel: Channel, message: string) => {
    send(connection, {
      join_ref: channel.joinRef, ref: null, topic: channel.topic, event: "system",
      payload: { status: "error", message, extension: "system", channel: channel.topic.replace(/^realtime:/, "") },
    });
    send(connection, { join_ref: channel.joinRef, ref: null, topic: channel.topic, event: "phx_close", payload: {} });
    connection.channels.delete(channel.topic);
  };

  function join(connection: Connection, message: PhoenixMessage): void {
    const config = isRecord(message.payload.config) ? message.payload.config : {};
    const token = typeof message.payload.access_token === "string" ? message.payload.access_token : connection.apiKey;
    try {
      if (!token) throw new JoinError("Missing JWT: send an apikey or access_token");
      const claims = verifyToken(token, jwtSecret);
      if (isRecord(config.presence) && config.presence.enabled === true) {
        throw new JoinError("Presence is not supported by the DeskOps local Realtime server");
      }
      if (config.private === true) throw new JoinError("Private channels are not supported by the DeskOps local Realtime server");
      const bindings = parseBindings(config);
      const broadcast = isRecord(config.broadcast) ? config.broadcast : {};
      connection.channels.set(message.topic, {
        topic: message.topic,
        joinRef: message.join_ref ?? message.ref,
        claims,
        bindings,
        broadcastSelf: broadcast.self === true,
        broadcastAck: broadcast.ack === true,
      });
      reply(connection, message, "ok", {
        postgres_changes: bindings.map(({ id, event, schema, table, filterText }) => ({ id, event, schema, table, filter: filterText })),
      });
      if (bindings.length > 0) {
        send(connection, {
          join_ref: message.join_ref, ref: null, topic: message.topic, event: "system",
          payload: { status: "ok", message: "Subscribed to PostgreSQL", extension: "postgres_changes", channel: message.topic.replace(/^realtime:/, "") },
        });
      }
    } catch (error) {
      if (!(error instanceof JoinError)) throw error;
      reply(connection, message, "error", { reason: error.message });
    }
  }

  function broadcast(connection: Connection, message: PhoenixMessage): void {
    const channel = connection.channels.get(message.topic);
    if (!channel) return reply(connection, message, "error", { reason: "Join the channel before broadcasting" });
    for (const other of connections) {
      for (const target of other.channels.values()) {
        if (target.topic !== message.topic || (other === connection && !channel.broadcastSelf)) continue;
        send(other, { join_ref: target.joinRef, ref: null, topic: target.topic, event: "broadcast", payload: message.payload });
      }
    }
    if (channel.broadcastAck) reply(connection, message, "ok", {});
  }

  function handle(connection: Connection, message: PhoenixMessage): void {
    if (message.topic === "phoenix" && message.event === "heartbeat") return reply(connection, message, "ok", {});
    switch (message.event) {
      case "phx_join":
        return join(connection, message);
      case "phx_leave":
        connection.channels.delete(message.topic);
        reply(connection, message, "ok", {});
        return send(connection, { join_ref: message.join_ref, ref: message.ref, topic: message.topic, event: "phx_close", payload: {} });
      case "access_token": {
        const channel = connection.channels.get(message.topic);
        const token = message.payload.access_token;
        if (!channel || typeof token !== "string") return;
        try {
          channel.claims = verifyToken(token, jwtSecret);
        } catch (error) {
          if (!(error instanceof JoinError)) throw error;
          closeChannel(connection, channel, error.message);
        }
        return;
      }
      case "broadcast":
        return broadcast(connection, message);
      case "presence":
        return reply(connection, message, "error", { reason: "Presence is not supported by the DeskOps local Realtime server" });
      default:
        return reply(connection, message, "error", { reason: `Unknown event "${message.event}"` });
    }
  }

  /**
   * Which of these users can select the changed row? One round trip for all of them: the
   * database switches role and claims per user (realtime.visible_to, from the bootstrap).
   */
  async function visibleTo(claimsList: JwtClaims[], change: TableChange): Promise<boolean[]> {
    const answers: boolean[] = claimsList.map((claims) => claims.role === "service_role");
    const checked = claimsList
      .map((claims, index) => ({ claims, index }))
      .filter(({ claims }) => typeof claims.role === "string" && API_ROLES.has(claims.role));
    if (!change.record || checked.length === 0) return answers;
    const client = await pool.connect();
    try {
      const key = change.primaryKey.length > 0 ? change.primaryKey : change.columns.map((column) => column.name);
      const condition = key
        .map((column) => {
          const type = change.columns.find((candidate) => candidate.name === column)?.type ?? "text";
          const value = change.record![column];
          const text = value instanceof Date ? value.toISOString() : isRecord(value) || Array.isArray(value) ? JSON.stringify(value) : String(value);
          return `${client.escapeIdentifier(column)} = ${client.escapeLiteral(text)}::${client.escapeIdentifier(type)}`;
        })
        .join(" and ");
      const table = `${client.escapeIdentifier(change.schema)}.${client.escapeIdentifier(change.table)}`;
      const { rows } = await client.query<{ visible: boolean[] }>(
        "select realtime.visible_to($1::regclass, $2, $3::jsonb[]) as visible",
        [table, condition, checked.map(({ claims }) => JSON.stringify(claims))],
      );
      checked.forEach(({ index }, position) => (answers[index] = rows[0]?.visible[position] === true));
    } catch (error) {
      log.error(`realtime RLS check on ${change.schema}.${change.table}: ${(error as Error).message}`);
    } finally {
      client.release();
    }
    return answers;
  }

  function payloadOf(change: TableChange, ids: number[]): Record<string, unknown> {
    const oldRecord = change.type === "INSERT" ? undefined : Object.fromEntries(change.primaryKey.map((column) => [column, change.oldRecord?.[column] ?? null]));
    return {
      ids,
      data: {
        schema: change.schema,
        table: change.table,
        commit_timestamp: change.commitTimestamp,
        type: change.type,
        eventType: change.type,
        columns: change.columns,
        record: change.record ?? undefined,
        old_record: oldRecord,
        errors: null,
      },
    };
  }

  async function deliver(change: TableChange): Promise<void> {
    const targets: Array<{ connection: Connection; channel: Channel; ids: number[] }> = [];
    const now = Math.floor(Date.now() / 1000);
    for (const connection of connections) {
      for (const channel of [...connection.channels.values()]) {
        const ids = channel.bindings.filter((binding) => bindingMatches(binding, change)).map((binding) => binding.id);
        if (ids.length === 0) continue;
        if (typeof channel.claims.exp === "number" && channel.claims.exp <= now) {
          closeChannel(connection, channel, "Token has expired");
          continue;
        }
        targets.push({ connection, channel, ids });
      }
    }
    if (targets.length === 0) return;
    // Deletes carry only the key and cannot be checked against RLS, as on Supabase.
    const distinct = new Map<string, JwtClaims>();
    for (const { channel } of targets) distinct.set(JSON.stringify(channel.claims), channel.claims);
    const claimsList = [...distinct.values()];
    const answers = change.type === "DELETE" ? claimsList.map(() => true) : await visibleTo(claimsList, change);
    const visible = new Map(claimsList.map((claims, index) => [JSON.stringify(claims), answers[index]]));
    for (const { connection, channel, ids } of targets) {
      if (!visible.get(JSON.stringify(channel.claims))) continue;
      send(connection, { join_ref: channel.joinRef, ref: null, topic: channel.topic, event: "postgres_changes", payload: payloadOf(change, ids) });
    }
  }

  const feed: ChangeFeed = await startChangeFeed({
    databaseUrl: options.databaseUrl,
    slotName: options.slotName ?? "deskops_realtime",
    publication: "supabase_realtime",
    log,
    onChange: deliver,
  });

  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const url = new URL(req.url ?? "/", "http://realtime");
    const vsn: Vsn = url.searchParams.get("vsn") === "2.0.0" ? "2.0.0" : "1.0.0";
    const connection: Connection = { ws, vsn, apiKey: url.searchParams.get("apikey"), channels: new Map(), lastSeen: Date.now() };
    connections.add(connection);
    ws.on("message", (data, isBinary) => {
      connection.lastSeen = Date.now();
      try {
        const frame = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        handle(connection, isBinary ? decodeBinary(frame) : decode(vsn, frame.toString("utf8")));
      } catch (error) {
        if (error instanceof ProtocolError) return log.child("realtime", `ignored a malformed message: ${error.message}`);
        log.error(`realtime: ${(error as Error).message}`);
      }
    });
    ws.on("close", () => connections.delete(connection));
    ws.on("error", () => connections.delete(connection));
  });

  const reaper = setInterval(() => {
    const cutoff = Date.now() - heartbeatTimeoutMs;
    for (const connection of connections) {
      if (connection.lastSeen < cutoff) {
        connection.ws.terminate();
        connections.delete(connection);
      }
    }
  }, Math.min(heartbeatTimeoutMs, 15_000));

  return {
    handleUpgrade: (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    stop: async () => {
      clearInterval(reaper);
      for (const connection of connections) connection.ws.terminate();
      connections.clear();
      await new Promise((resolve) => wss.close(resolve));
      await feed.stop();
      await pool.end();
    },
  };
}
