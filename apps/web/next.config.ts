import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The contracts package ships TypeScript sources (with `./x.ts` imports), not built JS.
  transpilePackages: ['@fleetwright/contracts'],
  // Served behind the Fastify server on the same origin; it sets the security headers.
  poweredByHeader: false,
};

// next-intl without i18n routing: the language comes from a cookie or Accept-Language (i18n/request.ts).
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
