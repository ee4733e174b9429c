import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The contracts package ships TypeScript sources (with `./x.ts` imports), not built JS.
  transpilePackages: ['@fleetwright/contracts'],
  // Served behind the Fastify server on the same origin; it sets the security headers.
  poweredByHeader: false,
};

export default nextConfig;
