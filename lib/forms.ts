// What a form's server action answers, for useActionState: a message in place, the reason per
// field, and the values typed (so a failed submit never empties the form). Shared by the actions
// and the client forms; holds no server code.
import type { z } from "zod";
import type { FieldIssue } from "@/lib/errors";

export interface FormState {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed, except secrets, to put back in the fields. */
  values?: Record<string, string>;
}

export const IDLE: FormState = { status: "idle" };

/** The text fields of a submitted form, secrets left out. */
export function typedValues(formData: FormData, secrets: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string" && !secrets.includes(name)) values[name] = value;
  return values;
}

/** zod's issues as one message per field (the first one). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The field issues in a failed action's details (fromZod's { issues }), read without trusting their shape. */
export function issuesOf(details: unknown): FieldIssue[] {
  if (typeof details !== "object" || details === null || !("issues" in details) || !Array.isArray(details.issues)) return [];
  const issues: unknown[] = details.issues;
  return issues.flatMap((issue) => {
    if (typeof issue !== "object" || issue === null || !("path" in issue) || !("message" in issue)) return [];
    if (typeof issue.path !== "string" || typeof issue.message !== "string") return [];
    const row = "row" in issue && typeof issue.row === "number" ? issue.row : undefined;
    return [row === undefined ? { path: issue.path, message: issue.message } : { path: issue.path, message: issue.message, row }];
  });
}

/** A failed action's field errors, by field (the first one each): what a form shows beside each field. */
export function issueMessages(details: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issuesOf(details)) errors[issue.path.split(".")[0] ?? ""] ??= issue.message;
  return errors;
}
