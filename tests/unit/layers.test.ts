// The lint rules that keep the layers apart and production code on `dependencies`, shown to catch
// a bad import (the real tree is linted by `npm run lint`, part of npm test).
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe("lint: layers and dependencies", () => {
  it("refuses a query module that imports the HTTP layer or a devDependency", async () => {
    const found = await ruleIds("lib/queries/probe.ts", 'import pg from "pg";\nimport { errorResponse } from "@/lib/api/handler";\nexport const probe = [pg, errorResponse];\n');
    expect(found).toEqual(["import/no-extraneous-dependencies", "import/no-restricted-paths"]);
  });

  it("refuses lib code that imports a page, and lets tests use devDependencies", async () => {
    expect(await ruleIds("lib/probe.ts", 'import * as page from "@/app/page";\nexport const probe = page;\n')).toEqual(["import/no-restricted-paths"]);
    expect(await ruleIds("tests/unit/probe.test.ts", 'import pg from "pg";\nexport const probe = pg;\n')).toEqual([]);
  });
}, 60_000);
