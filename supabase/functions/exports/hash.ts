// A SHA-256 that can stop and go on in a later invocation: a CSV export is written in slices, one
// per invocation, and its hash covers every part. hash-wasm saves and loads the digest's state.
import { createSHA256 } from "npm:hash-wasm@4.12.0";
import { decodeBase64, encodeBase64 } from "./base64.ts";

export interface ResumableHash {
  update(bytes: Uint8Array): void;
  /** The state to store, so a later invocation can go on from here. */
  save(): string;
  hex(): string;
}

export async function resumeSha256(saved: string | null): Promise<ResumableHash> {
  const hasher = await createSHA256();
  hasher.init();
  if (saved) hasher.load(decodeBase64(saved));
  return {
    update: (bytes) => void hasher.update(bytes),
    save: () => encodeBase64(hasher.save()),
    hex: () => hasher.digest("hex"),
  };
}
