#!/usr/bin/env node
// @ts-check
// README command 2: `npm test` — every test, from a clean clone: installs Debian's
// Chromium + CJK fonts where missing, the npm packages from the lockfile, then runs
// typecheck, unit tests, and the database + browser suites (scripts/test-suite.ts).
import { ensureBrowser, ensureNodeModules, ensurePrismaClient, run } from "./lib/bootstrap.mjs";

process.env.TEST_ALL_STARTED_AT = String(Date.now());
ensureBrowser();
ensureNodeModules();
ensurePrismaClient();
process.exit(run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/test-suite.ts", ...process.argv.slice(2)]));
