import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Page paths come from one table (lib/navigation.ts PAGES) and carry the selected site as a
  // query string; typed routes would make every such link a cast.
  devIndicators: false,
  // Browser tests run their own `next dev` beside a developer's, each with its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Every answer, pages and API alike: no MIME sniffing, no framing (clickjacking), no full URL
  // (with its ?site= and filters) sent to other origins.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
        ],
      },
    ];
  },
  experimental: {
    // The grid saves up to 5,000 rows per server action call (MAX_BATCH_ROWS): about 1.3 MB for a
    // day's dispatches, up to 6 MB with every remark at its 1,000-character limit.
    serverActions: { bodySizeLimit: "8mb" },
  },
};

export default nextConfig;
