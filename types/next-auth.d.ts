import type { RoleName } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    id: string;
    username: string;
    role: RoleName;
    regionCode: string | null;
    agencyId: string | null;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      username: string;
      role: RoleName;
      regionCode: string | null;
      agencyId: string | null;
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
  }
}
