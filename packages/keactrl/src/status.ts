// The `status` answer. The first four lines and the configuration file lines are Kea's exactly, so
// scripts that parse `keactrl status` keep working; "not installed" and the "(died: ...)" hint are ours
// and only appear where Kea would have said "inactive" without telling why.
import type { DaemonState } from './pid-file.js';
import type { ServerInfo } from './servers.js';

export interface ServerStatus {
  readonly server: ServerInfo;
  readonly installed: boolean;
  readonly state: DaemonState;
  readonly configFile: string;
}

/** The word after "<label>: ". A running daemon is active even if its binary has since gone. */
export function statusWord(s: Pick<ServerStatus, 'installed' | 'state'>): string {
  if (s.state.state === 'active') return 'active';
  if (!s.installed) return 'not installed';
  if (s.state.state === 'died') return `inactive (died: stale PID file ${s.state.pidFile})`;
  return 'inactive';
}

export function renderStatus(statuses: readonly ServerStatus[], keactrlConfPath: string): string[] {
  const lines = statuses.map((s) => `${s.server.statusLabel}: ${statusWord(s)}`);
  for (const s of statuses) lines.push(`${s.server.configLabel}: ${s.configFile}`);
  lines.push(`keactrl configuration file: ${keactrlConfPath}`);
  return lines;
}
