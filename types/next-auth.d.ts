import type { RoleName } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    id: string;
    username: string;
    role: RoleName;
    regionCode: string | null;
    agencyId: string | null;
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      username: string;
      role: RoleName;
      regionCode: string | null;
      agencyId: string | null;
      sessionVersion: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    username: string;
    role: RoleName;
    regionCode: string | null;
    agencyId: string | null;
    /** the user's sessionVersion when the token was issued (lib/server/users/revoke-sessions.ts) */
    sv: number;
  }
}
