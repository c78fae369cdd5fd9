import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// What runs in production: it may import only `dependencies`. Tests, the local stack and the
// benchmarks may also use devDependencies.
const productionCode = ["app/**", "lib/**", "components/**", "hooks/**", "proxy.ts"];

// The layers, each importing only downward (DESIGN.md, README's architecture): pages and routes →
// api / actions → queries → supabase clients, validations and pure helpers.
const layerZones = [
  { target: "./lib/queries", from: ["./lib/api", "./lib/actions", "./app", "./components", "./hooks"], message: "lib/queries is the bottom data layer: it must not import HTTP, action or UI code." },
  { target: "./lib/supabase", from: ["./lib/queries", "./lib/api", "./lib/actions", "./app", "./components", "./hooks"], message: "lib/supabase holds only the clients." },
  { target: "./lib/validations", from: ["./lib/queries", "./lib/api", "./lib/actions", "./lib/supabase", "./app", "./components", "./hooks"], message: "Schemas are shared with the browser: keep them free of server code." },
  { target: "./lib/api", from: ["./lib/actions", "./app", "./components", "./hooks"], message: "lib/api keeps HTTP concerns only." },
  { target: "./lib/actions", from: ["./lib/api", "./app", "./components", "./hooks"], message: "lib/actions keeps server-action concerns only." },
  { target: "./lib", from: ["./app", "./components", "./hooks"], message: "lib/ must not depend on pages or components." },
  { target: "./components", from: ["./lib/api", "./lib/actions", "./lib/supabase/admin.ts"], message: "Components call server actions (app/actions) and queries, never the route or action internals." },
];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-extraneous-dependencies": ["error", { devDependencies: true }],
      "import/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },
  {
    files: productionCode,
    rules: {
      "import/no-extraneous-dependencies": ["error", { devDependencies: false, optionalDependencies: false, peerDependencies: false }],
    },
  },
  {
    ignores: [".next/**", ".next-e2e/**", ".next-bench/**", ".next-production-check/**", ".next-screenshots/**", "test-results/**", ".local/**", "node_modules/**", "next-env.d.ts", "lib/database.types.ts", "supabase/functions/**"],
  },
];

export default config;
