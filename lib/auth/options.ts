import "server-only";
import bcrypt from "bcryptjs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { RoleName } from "./roles";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

// A fixed hash compared against when the user does not exist, so a wrong username
// takes as long as a wrong password (no account enumeration by timing).
const DUMMY_HASH = "$2b$10$riB3uuLx6pNsLEok3s37/O4paX8TnkBEbhzp1PIEJf1dClRiD9VQC";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        const user = await db.user.findUnique({ where: { username } });
        const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || !user.active) return null;
        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        await recordAudit(db, { actorId: user.id, action: "auth.signIn", entityType: "User", entityId: user.id });
        return {
          id: user.id,
          name: user.displayName,
          username: user.username,
          role: user.role as RoleName,
          regionCode: user.regionCode,
          agencyId: user.agencyId,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.username = user.username;
        token.role = user.role;
        token.regionCode = user.regionCode ?? null;
        token.agencyId = user.agencyId ?? null;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid,
        name: token.name ?? token.username,
        username: token.username,
        role: token.role,
        regionCode: token.regionCode,
        agencyId: token.agencyId,
      };
      return session;
    },
  },
};
