#!/usr/bin/env node
// @ts-check
// `prisma generate` without the native schema engine: the CLI only checks that the
// file named by PRISMA_SCHEMA_ENGINE_BINARY exists (it cannot be downloaded here), and
// Prisma Client 7 with @prisma/adapter-pg needs no native engine at run time.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/false") ? "/bin/false" : process.execPath;
const cli = require.resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(r.status ?? 1);
