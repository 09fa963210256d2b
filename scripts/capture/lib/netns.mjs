// Network namespace pairs for the capture scripts: a server namespace and a client namespace joined by
// one veth pair, addresses from the documentation ranges set ONLY inside them, and a cleanup that always
// runs (normal exit, error, SIGINT/SIGTERM). Processes started in a namespace are tracked and killed by
// their own PID before the namespaces are deleted, because deleting a namespace does not end them.

import { execFileSync, spawn } from 'node:child_process';

const cleanups = [];
let hooked = false;

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', runCleanups);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      runCleanups();
      process.exit(128 + 2);
    });
  }
}

/** Registers a cleanup step run on every exit path (last registered runs first). */
export function onCleanup(fn) {
  hookExit();
  cleanups.push(fn);
}

export function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      fn();
    } catch {
      // Cleanup is best effort: one failed step must not keep the others from running.
    }
  }
}

/** Runs a command synchronously; throws with its stderr unless allowFail. */
export function run(cmd, args, { allowFail = false, input } = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    if (allowFail) return '';
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export function requireRoot() {
  if (process.getuid?.() !== 0) {
    process.stderr.write('this script needs root (it creates network namespaces)\n');
    process.exit(2);
  }
}

/**
 * Creates namespaces `${name}-srv` and `${name}-cli` joined by veth `${name}-s` / `${name}-c`
 * (interface names are at most 15 characters: keep `name` short). Leftovers of an earlier run with the
 * same name are removed first, so the scripts can be re-run after a crash.
 */
export function createPair({ name, srvAddrs = [], cliAddrs = [] }) {
  hookExit();
  const srv = `${name}-srv`;
  const cli = `${name}-cli`;
  const srvIf = `${name}-s`;
  const cliIf = `${name}-c`;
  if (srvIf.length > 15) throw new Error(`interface name ${srvIf} is longer than 15 characters`);
  const pair = { srv, cli, srvIf, cliIf, procs: [] };
  deletePair(pair);
  cleanups.push(() => deletePair(pair));
  run('ip', ['netns', 'add', srv]);
  run('ip', ['netns', 'add', cli]);
  run('ip', [
    'link',
    'add',
    'name',
    srvIf,
    'netns',
    srv,
    'type',
    'veth',
    'peer',
    'name',
    cliIf,
    'netns',
    cli,
  ]);
  for (const [ns, ifname, addrs] of [
    [srv, srvIf, srvAddrs],
    [cli, cliIf, cliAddrs],
  ]) {
    // No duplicate address detection: link-local and global addresses are usable at once.
    run('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${ifname}.accept_dad=0`]);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    for (const a of addrs) {
      if (a.includes(':')) run('ip', ['-n', ns, '-6', 'addr', 'add', a, 'dev', ifname, 'nodad']);
      else run('ip', ['-n', ns, 'addr', 'add', a, 'dev', ifname]);
    }
    run('ip', ['-n', ns, 'link', 'set', ifname, 'up']);
  }
  waitLinkLocal(srv, srvIf);
  waitLinkLocal(cli, cliIf);
  return pair;
}

function waitLinkLocal(ns, ifname) {
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const out = run('ip', ['-n', ns, '-6', 'addr', 'show', 'dev', ifname, 'scope', 'link'], {
      allowFail: true,
    });
    if (/inet6 fe80/.test(out) && !/tentative/.test(out)) return;
    run('sleep', ['0.1']);
  }
  throw new Error(`no usable link-local address on ${ifname} in ${ns}`);
}

export function linkLocal(pair, side) {
  const [ns, ifname] = side === 'srv' ? [pair.srv, pair.srvIf] : [pair.cli, pair.cliIf];
  const out = run('ip', ['-n', ns, '-6', 'addr', 'show', 'dev', ifname, 'scope', 'link']);
  return /inet6 (fe80[0-9a-f:]*)/.exec(out)[1];
}

export function macOf(pair, side) {
  const [ns, ifname] = side === 'srv' ? [pair.srv, pair.srvIf] : [pair.cli, pair.cliIf];
  const out = run('ip', ['-n', ns, 'link', 'show', 'dev', ifname]);
  return /link\/ether ([0-9a-f:]{17})/.exec(out)[1];
}

function deletePair(pair) {
  for (const p of pair.procs) killProc(p);
  pair.procs.length = 0;
  for (const ns of [pair.srv, pair.cli]) run('ip', ['netns', 'del', ns], { allowFail: true });
}

function killProc(p) {
  if (p.exitCode !== null || p.signalCode !== null) return;
  try {
    // The child was spawned detached, so its PID is also its process group: this ends `ip netns exec`
    // and whatever it started, and nothing else.
    process.kill(-p.pid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + 2000;
  while (Date.now() < end) {
    try {
      process.kill(-p.pid, 0);
    } catch {
      return;
    }
    run('sleep', ['0.05']);
  }
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts a long-running process inside a namespace; it is killed by cleanup. */
export function spawnIn(pair, side, cmd, args, { env = {}, stdio = ['ignore', 'pipe', 'pipe'] } = {}) {
  const ns = side === 'srv' ? pair.srv : pair.cli;
  const p = spawn(
    'ip',
    ['netns', 'exec', ns, 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args],
    {
      stdio,
      detached: true,
    },
  );
  pair.procs.push(p);
  return p;
}

export function stopProc(pair, p) {
  killProc(p);
  const i = pair.procs.indexOf(p);
  if (i >= 0) pair.procs.splice(i, 1);
}

/** Runs a command to completion inside a namespace with a timeout; returns {code, stdout, stderr}. */
export function runIn(pair, side, cmd, args, { timeoutMs = 20000, input } = {}) {
  return new Promise((resolve) => {
    const p = spawnIn(pair, side, cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => stopProc(pair, p), timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const i = pair.procs.indexOf(p);
      if (i >= 0) pair.procs.splice(i, 1);
      resolve({ code, signal, stdout, stderr });
    });
    if (input !== undefined) p.stdin.end(input);
    else p.stdin.end();
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Formats written fixtures the way the repository's biome config wants them (best effort). */
export function formatFiles(root, files) {
  run(`${root}/node_modules/.bin/biome`, ['format', '--write', ...files], { allowFail: true });
}
