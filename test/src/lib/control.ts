// The system tests' client of a daemon's UNIX control socket (what kea-shell or the agent would send):
// one JSON command per connection, the answer read until it parses. Plus statistic getters on top.
import { connect } from 'node:net';

export interface ControlAnswer {
  result: number;
  text?: string;
  arguments?: unknown;
}

/** Sends one command over the UNIX socket and resolves with the daemon's JSON answer. */
export function command(socketPath: string, cmd: object, timeoutMs = 10_000): Promise<ControlAnswer> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let text = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer over ${socketPath}: ${text}`));
    }, timeoutMs);
    s.on('connect', () => s.write(JSON.stringify(cmd)));
    s.on('data', (d) => {
      text += d.toString();
      try {
        const v = JSON.parse(text) as ControlAnswer;
        clearTimeout(timer);
        s.destroy();
        resolve(v);
      } catch {
        // more to come
      }
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * The current value of one statistic, retrying for up to ~10 s while the socket is not there yet (a
 * daemon that was just started); undefined when the daemon does not know the name.
 */
export async function statistic(sock: string, name: string): Promise<number | undefined> {
  for (let i = 0; ; i++) {
    try {
      const a = await command(sock, { command: 'statistic-get', arguments: { name } });
      const v = (a.arguments as Record<string, [unknown, string][]> | undefined)?.[name]?.[0]?.[0];
      return typeof v === 'number' ? v : undefined;
    } catch (e) {
      if (i >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Every numeric statistic's current value (statistic-get-all). */
export async function statistics(sock: string): Promise<Record<string, number>> {
  const a = await command(sock, { command: 'statistic-get-all' });
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries((a.arguments ?? {}) as Record<string, [unknown, string][]>)) {
    const value = v?.[0]?.[0];
    if (typeof value === 'number') out[k] = value;
  }
  return out;
}

/**
 * statistic-get-all once `counter` (pkt4-received, say) has stopped moving for 200 ms: the daemon has
 * worked through the datagrams queued for it (up to 10 s).
 */
export async function settledStatistics(sock: string, counter: string): Promise<Record<string, number>> {
  let s = await statistics(sock);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await statistics(sock);
    const settled = next[counter] === s[counter];
    s = next;
    if (settled) break;
  }
  return s;
}
