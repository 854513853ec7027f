import { defineConfig } from "@prisma/config";

// Prisma 7 reads the connection from here. DATABASE_URL is set by the app's own
// launchers (scripts/serve.ts, scripts/db.ts) — to the embedded server when the user set none.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
