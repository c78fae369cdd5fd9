import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The local stack lives in local/ and runs beside Next, never inside it.
  typedRoutes: true,
};

export default nextConfig;
