import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeString, z } from "@/lib/zod";
import { db } from "@/lib/server/db";
import { SIGN_IN_REFUSED, verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { clientAddressFrom } from "@/lib/server/security/client-address";
import { requestOrigin } from "@/lib/server/security/request-origin";
import { revokeSessions } from "@/lib/server/users/revoke-sessions";
import { safeCallbackPath } from "./roles";

const credentialsSchema = z.object({
  username: safeString().trim().min(1).max(64),
  password: safeString().min(1).max(200),
});

/** Thrown from the jwt callback: next-auth then answers "no session" and clears the cookie. */
class SessionRevokedError extends Error {
  constructor() {
    super("会话已失效，请重新登录。");
    this.name = "SessionRevokedError";
  }
}

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
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new Error(SIGN_IN_REFUSED);
        // next-auth 4 hands authorize() the request's headers as a plain object
        const clientAddress = clientAddressFrom(req?.headers ?? {});
        const result = await verifyCredentials(db, parsed.data.username, parsed.data.password, { clientAddress });
        // the message reaches the sign-in form as the error text; the same for every refusal
        if (!result.ok) throw new Error(SIGN_IN_REFUSED);
        const { user } = result;
        return {
          id: user.id,
          name: user.displayName,
          username: user.username,
          role: user.role,
          regionCode: user.regionCode,
          agencyId: user.agencyId,
          sessionVersion: user.sessionVersion,
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
        token.sv = user.sessionVersion;
        return token;
      }
      // every later use of the token by next-auth (/api/auth/session): the account must
      // still be active and the token's session version current (sign-out, password, role
      // or (de)activation bump it — lib/server/users/revoke-sessions.ts); the app's own
      // pages, actions and routes check the same in lib/auth/guard.ts
      const current = token.uid
        ? await db.user.findUnique({ where: { id: token.uid }, select: { active: true, sessionVersion: true } })
        : null;
      if (!current || !current.active || current.sessionVersion !== token.sv) throw new SessionRevokedError();
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
        sessionVersion: token.sv,
      };
      return session;
    },
    // Every destination next-auth redirects to (after sign-in, after sign-out) goes through
    // safeCallbackPath, on the host the user is actually browsing (not NEXTAUTH_URL's).
    async redirect({ url, baseUrl }) {
      const origin = (await requestOrigin()) ?? baseUrl;
      const path = safeCallbackPath(url, origin) ?? safeCallbackPath(url, baseUrl) ?? "/";
      return new URL(path, origin).toString();
    },
  },
  logger: {
    // a revoked or stale token is an expected refusal, not a server error worth a stack trace
    error(code, metadata) {
      const name = metadata instanceof Error ? metadata.name : (metadata as { name?: string } | undefined)?.name;
      if (code === "JWT_SESSION_ERROR" && name === "SessionRevokedError") return;
      console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : metadata);
    },
  },
  events: {
    async signOut({ token }) {
      // a copy of the cookie taken before sign-out is refused from now on
      const uid = token?.uid;
      if (uid) await revokeSessions(db, uid).catch(() => undefined);
    },
  },
};

