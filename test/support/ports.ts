import fs from "node:fs";
import net from "node:net";

/** The first port the kernel hands out to outgoing connections (Linux's ip_local_port_range). */
function ephemeralLow(): number {
  try {
    return Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/**
 * A port nothing listens on now, below the range the kernel takes local ports of outgoing
 * connections from: a server started on it later cannot find it taken by one of the many
 * connections the other stages open meanwhile (a port from that range could be, and was).
 */
export async function unusedListenPort(): Promise<number> {
  const low = ephemeralLow();
  const span = 10_000;
  // from a place set by the process id, so that two runs at once seldom try the same ports
  for (let i = 0; i < span; i++) {
    const port = low - span + ((process.pid + i) % span);
    if (await free(port)) return port;
  }
  throw new Error(`no free port in ${low - span}–${low - 1}`);
}
