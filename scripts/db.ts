// npm run db:migrate | db:new -- NAME | db:check | db:status | db:seed
// Chooses the database (DATABASE_URL, or the embedded server started for the command)
// and runs Prisma's WASM schema engine (scripts/lib/prisma-wasm-migrate.mjs) against it.
import { openDatabase } from "./lib/database";
import { runMigrate } from "./lib/migrate";

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const usage = "用法: npm run db:migrate | db:new -- 名称 | db:check | db:status | db:seed";
  if (!command) {
    console.error(usage);
    return 64;
  }
  const db = await openDatabase({ log: process.env.DEBUG_DB ? console.error : undefined });
  try {
    switch (command) {
      case "migrate":
        return runMigrate(db.url, ["deploy"]).status;
      case "new": {
        const name = rest.find((a) => !a.startsWith("-"));
        if (!name || !/^[a-z0-9_]+$/i.test(name)) {
          console.error("请给出迁移名称（字母、数字、下划线），例如: npm run db:new -- add_deadline");
          return 64;
        }
        return runMigrate(db.url, ["create", "--name", name]).status;
      }
      case "check":
        return runMigrate(db.url, ["check"]).status;
      case "status":
        return runMigrate(db.url, ["status"]).status;
      case "seed": {
        const status = runMigrate(db.url, ["deploy"]).status;
        if (status !== 0) return status;
        const { seedDemo } = await import("./lib/seed-demo");
        await seedDemo(db.url, { log: console.log });
        return 0;
      }
      default:
        console.error(usage);
        return 64;
    }
  } finally {
    await db.release();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
