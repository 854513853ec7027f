// Once per vitest run, before any integration file: the schema engine migrates one database
// on TEST_PG_SERVER_URL, and every file's freshDatabase() copies it (db-helpers.ts).
// scripts/test-suite.ts may hand over a template it made already (TEST_PG_TEMPLATE_URL).
import type { TestProject } from "vitest/node";
import { dropDatabase } from "../../scripts/lib/database";
import { createMigratedTemplate } from "../../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplateUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = process.env.TEST_PG_SERVER_URL;
  if (!server) return; // unit tests only
  const given = process.env.TEST_PG_TEMPLATE_URL;
  if (given) {
    project.provide("pgTemplateUrl", given);
    return;
  }
  const url = await createMigratedTemplate(server);
  project.provide("pgTemplateUrl", url);
  return async () => {
    await dropDatabase(url);
  };
}
