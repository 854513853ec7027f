import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { SIGN_IN_MESSAGES, verifyCredentials } from "@/lib/server/auth/verify-credentials";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

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
        if (!parsed.success) throw new Error(SIGN_IN_MESSAGES.invalid);
        const result = await verifyCredentials(db, parsed.data.username, parsed.data.password);
        // the message reaches the sign-in form as the error text
        if (!result.ok) throw new Error(SIGN_IN_MESSAGES[result.reason]);
        const { user } = result;
        return { id: user.id, name: user.displayName, username: user.username, role: user.role, regionCode: user.regionCode, agencyId: user.agencyId };
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
