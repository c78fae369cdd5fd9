// A zip archive written as it goes, and across invocations: each entry's bytes are deflated chunk
// by chunk (the runtime's own zlib), its CRC-32 and sizes go in a data descriptor after it, and
// the central directory closes the archive. The writer's whole state is a few numbers per entry
// (save()), so an export made in slices saves it with the job and the next slice goes on from it;
// nothing else is held, whatever the row count. No ZIP64: an export stays far below 4 GB.
import zlib from "node:zlib";

/** Bytes over a plain ArrayBuffer, which is what fetch and the hash take. */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface ZipEntryRecord {
  name: string;
  /** Where the entry's local header starts in the archive. */
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
}

export interface ZipState {
  /** The entries' time stamp (ISO 8601). */
  modified: string;
  /** Bytes written so far: where the next one goes. */
  offset: number;
  entries: ZipEntryRecord[];
  open: ZipEntryRecord | null;
}

const SIGNATURES = { localHeader: 0x04034b50, dataDescriptor: 0x08074b50, centralHeader: 0x02014b50, end: 0x06054b50 };
/** Bit 3: sizes and CRC follow the data (they are known only then); bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const crc32 = (zlib as unknown as { crc32(data: Uint8Array, value?: number): number }).crc32;

/**
 * Each chunk is deflated on its own and ends on a byte boundary without closing the stream (a sync
 * flush), so the chunks follow one another as one deflate stream, even from different invocations,
 * closed by FINAL_BLOCK. Level 2: a third of the CPU of the default level 6, for files about a
 * fifth larger.
 */
const DEFLATE_OPTIONS = { level: 2, finishFlush: zlib.constants.Z_SYNC_FLUSH };
/** An empty final block with fixed codes: the last bits of a deflate stream. */
const FINAL_BLOCK = [0x03, 0x00];

/** MS-DOS time and date, which is what zip headers carry. */
function dosTimestamp(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** A little-endian record: headers, descriptors, the directory. */
class BinaryRecord {
  readonly bytes: Bytes;
  readonly #view: DataView;
  #at = 0;

  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.#view = new DataView(this.bytes.buffer);
  }

  u16(value: number): this {
    this.#view.setUint16(this.#at, value, true);
    this.#at += 2;
    return this;
  }

  u32(value: number): this {
    this.#view.setUint32(this.#at, value >>> 0, true);
    this.#at += 4;
    return this;
  }

  raw(value: ArrayLike<number>): this {
    this.bytes.set(value, this.#at);
    this.#at += value.length;
    return this;
  }
}

const encoder = new TextEncoder();

export class ZipWriter {
  readonly #state: ZipState;
  readonly #stamp: { time: number; date: number };

  /** A new archive, or one written in an earlier invocation, from its saved state. */
  constructor(saved: ZipState | null = null, modified = new Date()) {
    this.#state = saved ? structuredClone(saved) : { modified: modified.toISOString(), offset: 0, entries: [], open: null };
    this.#stamp = dosTimestamp(new Date(this.#state.modified));
  }

  /** The entries' time stamp. */
  get modified(): Date {
    return new Date(this.#state.modified);
  }

  save(): ZipState {
    return structuredClone(this.#state);
  }

  #out(bytes: Bytes): Bytes {
    this.#state.offset += bytes.byteLength;
    return bytes;
  }

  /** Starts an entry: its local header. */
  open(name: string): Bytes {
    if (this.#state.open) throw new Error(`zip: ${this.#state.open.name} is still open`);
    const encoded = encoder.encode(name);
    this.#state.open = { name, offset: this.#state.offset, crc: 0, compressedSize: 0, size: 0 };
    return this.#out(new BinaryRecord(30 + encoded.byteLength)
      .u32(SIGNATURES.localHeader).u16(VERSION).u16(FLAGS).u16(DEFLATE).u16(this.#stamp.time).u16(this.#stamp.date)
      .u32(0).u32(0).u32(0).u16(encoded.byteLength).u16(0).raw(encoded).bytes);
  }

  /** The open entry's next bytes, deflated. */
  write(chunk: Uint8Array): Bytes {
    const entry = this.#state.open;
    if (!entry) throw new Error("zip: no entry is open");
    entry.crc = crc32(chunk, entry.crc);
    entry.size += chunk.byteLength;
    const deflated = new Uint8Array(zlib.deflateRawSync(chunk, DEFLATE_OPTIONS));
    entry.compressedSize += deflated.byteLength;
    return this.#out(deflated);
  }

  /** Ends the open entry: the deflate stream's last block and the entry's data descriptor. */
  close(): Bytes {
    const entry = this.#state.open;
    if (!entry) throw new Error("zip: no entry is open");
    entry.compressedSize += FINAL_BLOCK.length;
    this.#state.entries.push(entry);
    this.#state.open = null;
    return this.#out(new BinaryRecord(FINAL_BLOCK.length + 16).raw(FINAL_BLOCK)
      .u32(SIGNATURES.dataDescriptor).u32(entry.crc).u32(entry.compressedSize).u32(entry.size).bytes);
  }

  /** A whole entry at once. */
  entry(name: string, content: Uint8Array): Bytes[] {
    return [this.open(name), this.write(content), this.close()];
  }

  /** The central directory and its end record, which close the archive. */
  end(): Bytes {
    if (this.#state.open) throw new Error(`zip: ${this.#state.open.name} is still open`);
    const { time, date } = this.#stamp;
    const records = this.#state.entries.map((entry) => {
      const name = encoder.encode(entry.name);
      return new BinaryRecord(46 + name.byteLength)
        .u32(SIGNATURES.centralHeader).u16(VERSION).u16(VERSION).u16(FLAGS).u16(DEFLATE).u16(time).u16(date)
        .u32(entry.crc).u32(entry.compressedSize).u32(entry.size).u16(name.byteLength).u16(0).u16(0)
        .u16(0).u16(0).u32(0).u32(entry.offset).raw(name).bytes;
    });
    const size = records.reduce((total, record) => total + record.byteLength, 0);
    const end = new BinaryRecord(size + 22);
    for (const record of records) end.raw(record);
    const count = this.#state.entries.length;
    return this.#out(end.u32(SIGNATURES.end).u16(0).u16(0).u16(count).u16(count).u32(size).u32(this.#state.offset).u16(0).bytes);
  }
}
