import { BENCH_PASSWORD, generateBenchData, SMOKE_SCALE } from "./lib/bench-data";
import { measureDraftSaves } from "./lib/bench-client";
const url = process.env.DATABASE_URL!;
const mode = process.argv[2];
if (mode === "gen") await generateBenchData(url, SMOKE_SCALE, console.log);
else {
  const r = await measureDraftSaves("http://127.0.0.1:3700", { clerks: Number(process.argv[3] || 20), savesPerClerk: Number(process.argv[4] || 15), password: BENCH_PASSWORD, databaseUrl: url });
  console.log(r);
}
process.exit(0);
