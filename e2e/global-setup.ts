// Besides the demo data (seeded by scripts/test-suite.ts), publish a 2021-format report
// through the real CLI, so both official formats are read back by the browser tests.
import { publishWithCli } from "./helpers";

export const FORMAT_2021_FIXTURE = "test/fixtures/zrzy-2022-format2021.json";

export default function globalSetup() {
  const r = publishWithCli(FORMAT_2021_FIXTURE);
  if (r.status !== 0) throw new Error(`importing ${FORMAT_2021_FIXTURE} failed:\n${r.output}`);
}
