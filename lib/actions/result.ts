// What a server action answers, seed 001's { success, <data>?, message? }: typed, so callers (pages
// in the browser included) read it without casts. No server code here: the browser imports it.
import type { ErrorCode } from "@/lib/errors";

export interface ActionFailure {
  success: false;
  message: string;
  code: ErrorCode;
  details?: unknown;
}

export type ActionResult<Data extends object = object> = ({ success: true } & Data) | ActionFailure;
