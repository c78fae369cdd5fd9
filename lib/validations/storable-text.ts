// Text Postgres cannot store: the NUL character (text columns refuse it, and PostgREST answers
// 22P05) and unpaired UTF-16 surrogates (half of an emoji: JSON allows "\ud800", UTF-8 cannot
// encode it, PostgREST answers PGRST102). Found anywhere in a request before it reaches the
// database, and named by field, so the user gets a 400 that says where, never a 500.
import type { FieldIssue } from "@/lib/errors";

// Without the u flag the pattern sees UTF-16 code units, which is what a lone surrogate is.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NUL_MESSAGE = "Remove the invisible NUL character: text cannot hold it";
export const SURROGATE_MESSAGE = "This text holds a broken character (half of an emoji or symbol): type it again";

export function unstorableTextProblem(text: string): string | null {
  if (text.includes("\u0000")) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return null;
}

/** Every string in `value` (keys too) that Postgres could not store, with its path; at most `limit`. */
export function unstorableText(value: unknown, limit = 20, path: Array<string | number> = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (current: unknown, at: Array<string | number>) => {
    if (issues.length >= limit) return;
    if (typeof current === "string") {
      const message = unstorableTextProblem(current);
      if (message) {
        const row = at[0] === "rows" && typeof at[1] === "number" ? at[1] + 1 : undefined;
        const where = at.map((part, index) => (index === 1 && row !== undefined ? String(row) : String(part))).join(".");
        issues.push(row === undefined ? { path: where, message } : { path: where, message, row });
      }
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => visit(item, [...at, index]));
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (unstorableTextProblem(key)) issues.push({ path: [...at, key].join("."), message: "A field name holds a character text cannot hold" });
        visit(item, [...at, key]);
      }
    }
  };
  visit(value, path);
  return issues;
}
