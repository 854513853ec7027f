#!/usr/bin/env node
// @ts-check
// README command 1: `npm run demo` — installs, prepares the database with the demo data
// and starts the app on PORT (default 3000). With DATABASE_URL unset it runs an embedded
// PostgreSQL whose data stays in .data/ between runs.
import { ensureBuild, ensureNodeModules, ensurePdfFonts, ensurePrismaClient, mustRun } from "./lib/bootstrap.mjs";

ensureNodeModules();
ensurePdfFonts(); // the PDF download embeds them
ensurePrismaClient();
ensureBuild();
mustRun(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts", "--demo", ...process.argv.slice(2)]);
