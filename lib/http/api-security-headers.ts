// The headers next.config.ts gives every answer under /api (every path's, then the API's), for
// the answers the app writes in front of Next (lib/server/reports/draft-save-front.ts), which
// Next's header rules never see. test/unit/api-security-headers.test.ts keeps the two the same.
export const API_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
} as const;
