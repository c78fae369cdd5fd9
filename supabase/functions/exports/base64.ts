// Base64 without std (jsr: and deno.land are out of reach): Node's Buffer, which Deno provides.
import { Buffer } from "node:buffer";

export const encodeBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
export const decodeBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));
