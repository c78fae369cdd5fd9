import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Page paths come from one table (lib/navigation.ts PAGES) and carry the selected site as a
  // query string; typed routes would make every such link a cast.
  devIndicators: false,
  // Browser tests run their own `next dev` beside a developer's, each with its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
