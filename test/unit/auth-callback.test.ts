import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/roles";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath (post-login destination)", () => {
  it("keeps same-site paths, with their query", () => {
    expect(safeCallbackPath("/review?year=2020", ORIGIN)).toBe("/review?year=2020");
    expect(safeCallbackPath("http://localhost:3000/workspace", ORIGIN)).toBe("/workspace");
    expect(safeCallbackPath("/reports/640122100000/2020#t1", ORIGIN)).toBe("/reports/640122100000/2020#t1");
  });

  it("refuses other sites, protocol-relative and scheme tricks", () => {
    for (const raw of ["https://evil.example/steal", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "http://localhost:3001/admin", "workspace"]) {
      expect(safeCallbackPath(raw, ORIGIN), raw).toBeNull();
    }
  });

  it("refuses tab, CR and LF tricks that the URL parser strips into another host", () => {
    for (const raw of [
      "/\t/evil.example/phish",
      "/\r/evil.example",
      "/\n/evil.example",
      "\t//evil.example",
      "/\t\\evil.example",
      decodeURIComponent("%2F%09%2Fevil.example%2Fphish"),
      "/.//evil.example",
      "/..//evil.example",
      "https:evil.example",
      "http:\\\\evil.example",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(safeCallbackPath(raw, ORIGIN), JSON.stringify(raw)).toBeNull();
    }
  });

  it("never sends a signed-in user back to sign-in or to an API", () => {
    expect(safeCallbackPath("/login?callbackUrl=/admin", ORIGIN)).toBeNull();
    expect(safeCallbackPath("/api/auth/signout", ORIGIN)).toBeNull();
    expect(safeCallbackPath("/API/../api/auth/signout", ORIGIN)).toBeNull();
    expect(safeCallbackPath(null, ORIGIN)).toBeNull();
  });
});
