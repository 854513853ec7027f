// First gate only: sends visitors without a session to sign-in before any protected
// page renders. Every page, action and route re-checks the user
// and scope on the server (lib/auth/guard.ts); this file is never the only check.
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/login" },
  callbacks: {
    // role and scope are the page's business (a signed-in clerk opening /admin sees 无权访问)
    authorized: ({ token }) => Boolean(token),
  },
});

export const config = {
  matcher: ["/workspace/:path*", "/review/:path*", "/admin/:path*", "/account/:path*"],
};
