import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    ignores: [".next/**", ".next-e2e/**", ".next-bench/**", "test-results/**", ".local/**", "node_modules/**", "next-env.d.ts", "lib/database.types.ts", "supabase/functions/**"],
  },
];

export default config;
