// The defaults a user deploys must be safe: docker-compose.yml refuses to start without a real
// secret and seeds no demo accounts unless asked; scripts/serve.ts refuses a placeholder secret
// in production. No YAML library is installed, so the compose file is read with a small reader
// for the subset it uses (nested "key: value" mappings by indentation, "- item" lists) and its
// ${VAR:?message} / ${VAR:-default} interpolation is applied as Compose does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { weakSecretReason } from "@/scripts/lib/secret-strength";

type Node = string | Node[] | { [key: string]: Node };

/** Nested mappings and lists of scalars, by indentation; comments and blank lines skipped. */
function readYamlSubset(text: string): Node {
  const lines = text
    .split("\n")
    .map((raw) => raw.replace(/\s+#.*$/, "").replace(/^\s*#.*$/, ""))
    .filter((l) => l.trim())
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const unquote = (v: string) => v.replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
  function block(indent: number): Node {
    if (lines[i]?.text.startsWith("- ")) {
      const list: Node[] = [];
      while (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith("- ")) list.push(unquote(lines[i++].text.slice(2).trim()));
      return list;
    }
    const map: Record<string, Node> = {};
    while (i < lines.length && lines[i].indent === indent) {
      const m = /^("[^"]+"|[^:]+):(?:\s+(.*))?$/.exec(lines[i].text);
      if (!m) throw new Error(`unreadable line: ${lines[i].text}`);
      i++;
      const key = unquote(m[1].trim());
      map[key] = m[2] !== undefined ? unquote(m[2].trim()) : i < lines.length && lines[i].indent > indent ? block(lines[i].indent) : "";
    }
    return map;
  }
  return block(0);
}

/** Compose's variable substitution for the forms the file uses. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string) => {
    const v = env[name];
    const unset = op?.startsWith(":") ? !v : v === undefined;
    if (op?.endsWith("?") && unset) throw new Error(`required variable ${name} is missing: ${arg}`);
    if (op?.endsWith("-") && unset) return arg;
    return v ?? "";
  });
}

const compose = readYamlSubset(fs.readFileSync(path.join(process.cwd(), "docker-compose.yml"), "utf8")) as Record<string, any>;
const appEnv = compose.services.app.environment as Record<string, string>;

describe("docker-compose.yml defaults", () => {
  it("refuses to start without NEXTAUTH_SECRET, and ships no placeholder secret", () => {
    expect(appEnv.NEXTAUTH_SECRET).toMatch(/^\$\{NEXTAUTH_SECRET:\?[^}]+\}$/);
    expect(() => interpolate(appEnv.NEXTAUTH_SECRET, {})).toThrow(/NEXTAUTH_SECRET/);
    expect(() => interpolate(appEnv.NEXTAUTH_SECRET, { NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET/);
    const real = "k3J9x0QmZr7Lw2VbN8cTf5Hy1Pd4Sg6A";
    expect(interpolate(appEnv.NEXTAUTH_SECRET, { NEXTAUTH_SECRET: real })).toBe(real);
    expect(fs.readFileSync("docker-compose.yml", "utf8")).not.toMatch(/change-me/i);
  });

  it("seeds no demo accounts unless asked", () => {
    const seed = appEnv.SEED_DEMO === undefined ? "false" : interpolate(appEnv.SEED_DEMO, {});
    expect(seed).not.toBe("true");
    expect(interpolate(appEnv.SEED_DEMO ?? "", { SEED_DEMO: "true" })).toBe("true");
  });

  it("trusts exactly the one proxy it ships, and the app is reachable only through it", () => {
    // X-Forwarded-For is believed from one hop: the nginx service, the app's only way in
    expect(interpolate(appEnv.TRUSTED_PROXY_HOPS ?? "0", {})).toBe("1");
    expect(compose.services.app.ports).toBeUndefined();
    const proxy = compose.services.proxy as { volumes: string[]; ports: string[] };
    expect(proxy.volumes).toContain("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro");
    expect(proxy.ports).toHaveLength(1);
  });
});

describe("session secret strength", () => {
  it("refuses placeholders, short and repetitive secrets; accepts a random one", () => {
    for (const s of [undefined, "", "change-me-to-a-long-random-secret", "e2e-secret-not-for-production-0123456789", "short", "a".repeat(64), "placeholder-placeholder-placeholder"]) {
      expect(weakSecretReason(s), String(s)).not.toBeNull();
    }
    expect(weakSecretReason("k3J9x0QmZr7Lw2VbN8cTf5Hy1Pd4Sg6A+/x=")).toBeNull();
  });

  it("scripts/serve.ts will not start in production with a placeholder secret", () => {
    const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: "change-me-to-a-long-random-secret", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("拒绝启动");
  });
});

describe("npm start", () => {
  // plain `next start` would believe a forged X-Forwarded-For and skip the response cache: the
  // production start is scripts/serve.ts (preload + cluster), and the Docker image runs the same
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };

  it("is the production start (scripts/serve.ts), as in the Docker image", () => {
    expect(pkg.scripts.start).toBe("tsx scripts/serve.ts");
    const cmd = /^CMD (.*)$/m.exec(fs.readFileSync("Dockerfile", "utf8"))?.[1];
    expect(JSON.parse(cmd ?? "[]")).toEqual(["node", "node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"]);
  });

  it("runs scripts/serve.ts, which refuses a placeholder secret in production", () => {
    const r = spawnSync("npm", ["start", "--silent"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: "change-me-to-a-long-random-secret", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
    });
    expect(r.stderr).toContain("拒绝启动");
    expect(r.status).toBe(78);
  });
});
