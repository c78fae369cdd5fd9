import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Page paths come from one table (lib/navigation.ts PAGES) and carry the selected site as a
  // query string; typed routes would make every such link a cast.
  devIndicators: false,
  // Browser tests run their own `next dev` beside a developer's, each with its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // The grid saves up to 5,000 rows per server action call (MAX_BATCH_ROWS): about 1.3 MB for a
    // day's dispatches, up to 6 MB with every remark at its 1,000-character limit.
    serverActions: { bodySizeLimit: "8mb" },
  },
};

export default nextConfig;
