import { authOptions } from "@/lib/auth/options";
import { authRouteHandlers } from "@/lib/server/auth/auth-route";

export const { GET, POST } = authRouteHandlers(authOptions);
