// Presence, as Phoenix Presence keeps it and realtime-js reads it: per room, each key (a user, a
// device) has one meta per tracking channel, `{ phx_ref, ...payload }`. Changes go out as
// presence_diff `{ joins, leaves }`; a joining channel gets the room as presence_state.
import { randomUUID } from "node:crypto";

export type PresenceMeta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceState = Record<string, { metas: PresenceMeta[] }>;

export interface PresenceDiff {
  joins: PresenceState;
  leaves: PresenceState;
}

interface Tracked {
  key: string;
  meta: PresenceMeta;
}

const newRef = () => randomUUID().replace(/-/g, "").slice(0, 20);

export class PresenceRooms<Owner> {
  /** room → the channel (owner) that tracks → what it tracks. One presence per channel, as Realtime has it. */
  private readonly rooms = new Map<string, Map<Owner, Tracked>>();

  state(room: string): PresenceState {
    const state: PresenceState = {};
    for (const { key, meta } of this.rooms.get(room)?.values() ?? []) (state[key] ??= { metas: [] }).metas.push(meta);
    return state;
  }

  /** Tracks (or re-tracks with a new payload) `owner`'s presence; null when nothing changed. */
  track(room: string, owner: Owner, key: string, payload: Record<string, unknown>): PresenceDiff | null {
    const members = this.rooms.get(room) ?? new Map<Owner, Tracked>();
    this.rooms.set(room, members);
    const previous = members.get(owner);
    if (previous && previous.key === key && sameContent(previous.meta, payload)) return null;
    const meta: PresenceMeta = { ...payload, phx_ref: newRef(), ...(previous ? { phx_ref_prev: previous.meta.phx_ref } : {}) };
    members.set(owner, { key, meta });
    return {
      joins: { [key]: { metas: [meta] } },
      leaves: previous ? { [previous.key]: { metas: [previous.meta] } } : {},
    };
  }

  /** Stops tracking `owner` in the room; null when it tracked nothing. */
  untrack(room: string, owner: Owner): PresenceDiff | null {
    const members = this.rooms.get(room);
    const previous = members?.get(owner);
    if (!members || !previous) return null;
    members.delete(owner);
    if (members.size === 0) this.rooms.delete(room);
    return { joins: {}, leaves: { [previous.key]: { metas: [previous.meta] } } };
  }
}

function sameContent(meta: PresenceMeta, payload: Record<string, unknown>): boolean {
  const { phx_ref: _ref, phx_ref_prev: _previous, ...content } = meta;
  return JSON.stringify(content) === JSON.stringify(payload);
}
