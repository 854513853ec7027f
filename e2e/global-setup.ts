// Besides the demo data (seeded by scripts/test-suite.ts), publish a 2021-format report
// through the real CLI, so both official formats are read back by the browser tests.
import { spawnSync } from "node:child_process";

export const FORMAT_2021_FIXTURE = "test/fixtures/zrzy-2022-format2021.json";

export default function globalSetup() {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/cli.ts", "import", FORMAT_2021_FIXTURE, "--publish"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  if (r.status !== 0) throw new Error(`importing ${FORMAT_2021_FIXTURE} failed:\n${r.stdout}${r.stderr}`);
}
