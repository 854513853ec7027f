// The answers written in front of Next (the draft save) carry what next.config.ts gives /api.
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { API_SECURITY_HEADERS } from "@/lib/http/api-security-headers";

describe("API_SECURITY_HEADERS", () => {
  it("are next.config.ts's headers for every path and for /api, in full", async () => {
    const rules = (await nextConfig.headers!()) as { source: string; headers: { key: string; value: string }[] }[];
    const forApi = rules.filter((r) => r.source === "/:path*" || r.source === "/api/:path*").flatMap((r) => r.headers);
    expect(Object.fromEntries(forApi.map((h) => [h.key, h.value]))).toEqual(API_SECURITY_HEADERS);
  });
});
