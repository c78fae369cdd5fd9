// Phoenix channel messages, in both serializations realtime-js may pick: vsn 1.0.0 sends JSON
// objects, vsn 2.0.0 sends JSON arrays [join_ref, ref, topic, event, payload].

export type Vsn = "1.0.0" | "2.0.0";

export interface PhoenixMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export class ProtocolError extends Error {}

/** A well-formed message this server cannot handle: answered with an error on its channel. */
export class UnsupportedMessage extends ProtocolError {
  constructor(
    message: string,
    readonly request: PhoenixMessage,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : String(value);

export function decode(vsn: Vsn, text: string): PhoenixMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProtocolError("message is not JSON");
  }
  const fields = vsn === "2.0.0"
    ? Array.isArray(parsed) && parsed.length === 5
      ? { join_ref: parsed[0], ref: parsed[1], topic: parsed[2], event: parsed[3], payload: parsed[4] }
      : null
    : isRecord(parsed)
      ? parsed
      : null;
  if (!fields || typeof fields.topic !== "string" || typeof fields.event !== "string") {
    throw new ProtocolError("message is not a Phoenix message");
  }
  return {
    join_ref: optionalString(fields.join_ref),
    ref: optionalString(fields.ref),
    topic: fields.topic,
    event: fields.event,
    payload: isRecord(fields.payload) ? fields.payload : {},
  };
}

export function encode(vsn: Vsn, message: PhoenixMessage): string {
  return vsn === "2.0.0"
    ? JSON.stringify([message.join_ref, message.ref, message.topic, message.event, message.payload])
    : JSON.stringify(message);
}

const USER_BROADCAST_PUSH = 3;
const JSON_ENCODING = 1;

/**
 * realtime-js 2.x sends a broadcast as a binary frame under vsn 2.0.0: a kind byte, five length
 * bytes (join_ref, ref, topic, event, metadata), an encoding byte, those strings, then the payload.
 * Read it into the same message a JSON broadcast would be. Only JSON payloads are supported.
 */
export function decodeBinary(frame: Buffer): PhoenixMessage {
  if (frame.length < 7 || frame[0] !== USER_BROADCAST_PUSH) throw new ProtocolError("unsupported binary frame");
  const [joinRefLength, refLength, topicLength, eventLength, metadataLength, encoding] = [...frame.subarray(1, 7)] as number[];
  let offset = 7;
  const take = (length: number) => {
    const text = frame.subarray(offset, offset + length).toString("utf8");
    offset += length;
    return text;
  };
  const joinRef = take(joinRefLength!);
  const ref = take(refLength!);
  const topic = take(topicLength!);
  const event = take(eventLength!);
  take(metadataLength!);
  if (encoding !== JSON_ENCODING) {
    const request = { join_ref: joinRef || null, ref: ref || null, topic, event: "broadcast", payload: {} };
    throw new UnsupportedMessage("Binary broadcast payloads are not supported by the DeskOps local Realtime server; send JSON", request);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(frame.subarray(offset).toString("utf8"));
  } catch {
    throw new ProtocolError("broadcast payload is not JSON");
  }
  return {
    join_ref: joinRef || null,
    ref: ref || null,
    topic,
    event: "broadcast",
    payload: { type: "broadcast", event, payload },
  };
}
