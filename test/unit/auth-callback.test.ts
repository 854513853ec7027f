import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/roles";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath (post-login destination)", () => {
  it("keeps same-site paths, with their query", () => {
    expect(safeCallbackPath("/review?year=2020", ORIGIN)).toBe("/review?year=2020");
    expect(safeCallbackPath("http://localhost:3000/workspace", ORIGIN)).toBe("/workspace");
  });

  it("refuses other sites, protocol-relative and scheme tricks", () => {
    for (const raw of ["https://evil.example/steal", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "http://localhost:3001/admin", "workspace"]) {
      expect(safeCallbackPath(raw, ORIGIN), raw).toBeNull();
    }
  });

  it("never sends a signed-in user back to sign-in or to an API", () => {
    expect(safeCallbackPath("/login?callbackUrl=/admin", ORIGIN)).toBeNull();
    expect(safeCallbackPath("/api/auth/signout", ORIGIN)).toBeNull();
    expect(safeCallbackPath(null, ORIGIN)).toBeNull();
  });
});
