// The search's row labels live twice: in the template data and, for PostgreSQL, in the
// migration that defines published_version_row_labels(). They must not drift apart.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { searchRowLabels } from "@/lib/templates";

it("the migration's row labels are the template data's", () => {
  const dir = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_public_search_reader_words"));
  expect(dir).toBeDefined();
  const sql = fs.readFileSync(path.join("prisma/migrations", dir!, "migration.sql"), "utf8");
  const literal = sql.match(/SELECT '(\{.*\})'::jsonb/)?.[1];
  expect(literal).toBeDefined();
  expect(JSON.parse(literal!.replace(/''/g, "'"))).toEqual(searchRowLabels());
  // the words readers type are there: 行政许可 in both formats, a 不予公开 reason with its group
  expect(searchRowLabels()["2021"].proactive!.licensing).toBe("行政许可");
  expect(searchRowLabels()["2019"].applications!["denied.stateSecret"]).toBe("（三）不予公开 1.属于国家秘密");
});
