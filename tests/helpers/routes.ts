// The API's routes as app/api declares them: each route file's address pattern and the methods its
// otherMethods(...) line says it serves. Tests that must cover every route read them from here, so
// a new route is covered (or fails) without anyone remembering to add it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const projectDir = path.resolve(import.meta.dirname, "../..");

export interface ApiRoute {
  /** The address as the file system spells it: /api/dispatch/[id]. */
  pattern: string;
  /** The methods the route serves, from its otherMethods(...) line. */
  allowed: string[];
}

export async function apiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  const entries = await readdir(path.join(projectDir, "app/api"), { recursive: true });
  for (const file of entries.filter((entry) => entry.endsWith("route.ts")).map((entry) => `app/api/${entry}`)) {
    if (file.includes("[...")) continue; // the catch-all answers 404 for every method
    const source = await readFile(path.join(projectDir, file), "utf8");
    const declared = /otherMethods\(([^)]*)\)/.exec(source);
    routes.push({
      pattern: "/" + path.dirname(file).replace(/^app\//, ""),
      allowed: declared ? [...declared[1]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!) : [],
    });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The pattern with every [param] filled in: by `values`, else a well-formed id nothing has. */
export function fillPattern(pattern: string, values: Record<string, string> = {}): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => values[name] ?? "5e000000-0000-4000-8000-00000000abcd");
}
