import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": path.resolve(import.meta.dirname) },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
    // One throw-away stack for the whole run, shared by unit and integration tests.
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits for what the app does after a click (a server action, a re-render, a
    // realtime event): 1 s, vitest's default, is too little for a loaded CI machine.
    expect: { poll: { timeout: 15_000 } },
    // `server-only` throws outside a React Server environment; tests import server modules directly.
    // Server actions are called directly in tests, outside a Next request: these stand in for
    // Next's request cookies and cache; Supabase underneath is the real local stack.
    alias: {
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only.ts"),
      "next/headers": path.resolve(import.meta.dirname, "tests/helpers/next-headers.ts"),
      "next/cache": path.resolve(import.meta.dirname, "tests/helpers/next-cache.ts"),
    },
  },
});
