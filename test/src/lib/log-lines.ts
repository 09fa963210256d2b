// Kea-format log lines reduced to what two servers must share: "SEVERITY logger MESSAGE_ID" for the
// ids a test picks, each once, sorted - so our daemon's log can be compared with real Kea's.

const LINE = /^\S+ \S+ +(\w+) +\[([\w.-]+)\/[^\]]*\] (\w+) /;

export function logIds(log: string, ids: RegExp): string[] {
  const out = new Set<string>();
  for (const line of log.split('\n')) {
    const m = LINE.exec(line);
    if (m && ids.test(m[3]!)) out.add(`${m[1]} ${m[2]} ${m[3]}`);
  }
  return [...out].sort();
}
