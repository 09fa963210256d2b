// Reads keactrl.conf. The file is a shell fragment (Kea's keactrl sources it), and users' files contain
// ${prefix} expansions, comments, quoting and sometimes logic, so rather than guess at shell syntax we
// let bash source it and print the variables we need, NUL-separated so any value survives.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { KEACTRL_ERR, KeactrlError } from './errors.js';
import { SERVERS, type ServerKey } from './servers.js';

const execFileAsync = promisify(execFile);

/** Variables keactrl reads from keactrl.conf (Kea's names). */
export const CONF_VARIABLES = [
  'prefix',
  'exec_prefix',
  'kea_verbose',
  ...SERVERS.flatMap((s) => [s.key, s.srvVar, s.configVar]),
] as const;

/** Environment variables the daemons read; keactrl.conf may export them and they then apply. */
export const DAEMON_ENV_VARIABLES = [
  'KEA_PIDFILE_DIR',
  'KEA_LOCKFILE_DIR',
  'KEA_LOGGER_DESTINATION',
  'KEA_LFC_EXECUTABLE',
] as const;

export interface ServerConf {
  /** `<key>=yes` in keactrl.conf: start manages it. */
  readonly enabled: boolean;
  /** Path of the binary (`<key>_srv`). */
  readonly binaryPath: string;
  /** Path of the daemon's config file (`kea_<key>_config_file`), '' when unset. */
  readonly configFile: string;
}

export interface KeactrlConf {
  readonly path: string;
  /** `prefix` from the file ('' when unset). */
  readonly prefix: string;
  readonly verbose: boolean;
  readonly servers: Readonly<Record<ServerKey, ServerConf>>;
  /** Every variable of CONF_VARIABLES as bash left it ('' when unset). */
  readonly raw: Readonly<Record<string, string>>;
  /** KEA_* variables the file exported, to pass on to the daemons. */
  readonly exportedEnv: Readonly<Record<string, string>>;
}

/**
 * Kea compares these switches to "yes" after lower-casing; anything else (no, empty, typos) is off.
 */
export function isYes(value: string | undefined): boolean {
  return (value ?? '').trim().toLowerCase() === 'yes';
}

// $0 is the file; sourcing output goes to stderr so a chatty file cannot corrupt our NUL-separated
// answer. The status of "." is ignored on purpose, as Kea's keactrl ignores it: a file whose last line
// is a failing test is still a valid keactrl.conf.
function bashScript(): string {
  const values = CONF_VARIABLES.map((v) => `"\${${v}-}"`).join(' ');
  return `. "$0" >&2; printf '%s\\0' ${values}; env -0`;
}

/** Splits bash's answer into the variables (in CONF_VARIABLES order) and the exported KEA_* ones. */
export function parseBashOutput(
  stdout: string,
  baseEnv: NodeJS.ProcessEnv,
): { raw: Record<string, string>; exportedEnv: Record<string, string> } {
  const fields = stdout.split('\0');
  const raw: Record<string, string> = {};
  CONF_VARIABLES.forEach((name, i) => {
    raw[name] = fields[i] ?? '';
  });
  const exportedEnv: Record<string, string> = {};
  for (const entry of fields.slice(CONF_VARIABLES.length)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if ((DAEMON_ENV_VARIABLES as readonly string[]).includes(name) && baseEnv[name] !== value) {
      exportedEnv[name] = value;
    }
  }
  return { raw, exportedEnv };
}

/** Builds the typed view and checks what Kea's keactrl checks: every binary path must be set. */
export function buildConf(
  path: string,
  raw: Record<string, string>,
  exportedEnv: Record<string, string>,
): KeactrlConf {
  const servers = {} as Record<ServerKey, ServerConf>;
  for (const s of SERVERS) {
    const binaryPath = raw[s.srvVar] ?? '';
    if (binaryPath === '') {
      throw new KeactrlError(KEACTRL_ERR.CONF_VAR, `${s.srvVar} parameter not specified in ${path}`);
    }
    servers[s.key] = { enabled: isYes(raw[s.key]), binaryPath, configFile: raw[s.configVar] ?? '' };
  }
  return {
    path,
    prefix: raw.prefix ?? '',
    verbose: isYes(raw.kea_verbose),
    servers,
    raw,
    exportedEnv,
  };
}

export async function readKeactrlConf(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KeactrlConf> {
  if (!existsSync(path)) {
    throw new KeactrlError(KEACTRL_ERR.CONF, `keactrl configuration file does not exist: ${path}`);
  }
  let stdout: string;
  try {
    const result = await execFileAsync('bash', ['-c', bashScript(), path], {
      env,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    stdout = result.stdout;
    // Whatever the file printed, or bash's complaints about it, is the user's business: pass it on.
    if (result.stderr) process.stderr.write(result.stderr);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new KeactrlError(
      KEACTRL_ERR.CONF,
      `cannot read keactrl configuration file ${path}: ${(e.stderr || e.message).trim()}`,
    );
  }
  const { raw, exportedEnv } = parseBashOutput(stdout, env);
  return buildConf(path, raw, exportedEnv);
}
