#!/usr/bin/env node
// @ts-check
// Generated code the sources import but git does not hold (lib/generated: Prisma Client),
// made when missing or older than prisma/schema.prisma. Run before `npm run build` and
// `npm run typecheck` (package.json pre-scripts); `npm run demo` and `npm test` do it themselves.
import { ensurePrismaClient } from "./lib/bootstrap.mjs";

ensurePrismaClient();
