// Runs one keactrl invocation from its arguments to its exit status: parse, read keactrl.conf, set up
// the daemons' environment, dispatch. Errors that reach here are printed once, in keactrl's style.
import { parseCommandLine, usageText } from './cli.js';
import { readKeactrlConf } from './conf-file.js';
import { type Context, localStateDir } from './context.js';
import { isKeactrlError } from './errors.js';
import { foregroundCommand } from './foreground.js';
import { statusCommand, versionCommand } from './info-commands.js';
import type { Output } from './output.js';
import { SERVERS } from './servers.js';
import { reloadCommand, stopCommand } from './signal-commands.js';
import { startCommand } from './start.js';
import { keactrlVersion } from './version.js';

export interface RunOptions {
  readonly out: Output;
  readonly env?: NodeJS.ProcessEnv;
}

export async function runKeactrl(argv: readonly string[], options: RunOptions): Promise<number> {
  const { out } = options;
  const baseEnv = options.env ?? process.env;
  try {
    const request = parseCommandLine(argv);
    if (request.kind === 'help') {
      out.line(usageText());
      return 0;
    }
    if (request.kind === 'print-version') {
      out.line(keactrlVersion());
      return 0;
    }
    const conf = await readKeactrlConf(request.ctrlConfig, baseEnv);
    const env: NodeJS.ProcessEnv = { ...baseEnv, ...conf.exportedEnv };
    // As Kea's keactrl: the daemons' early log output (before their config sets up loggers) goes to
    // one file unless the caller chose a destination.
    if (!env.KEA_LOGGER_DESTINATION) env.KEA_LOGGER_DESTINATION = `${localStateDir(conf)}/log/kea.log`;
    const ctx: Context = {
      conf,
      selected: SERVERS.filter((s) => request.servers.includes(s.key)),
      explicit: request.explicit,
      env,
      out,
    };
    switch (request.command) {
      case 'start':
        return request.foreground ? await foregroundCommand(ctx) : await startCommand(ctx);
      case 'stop':
        return await stopCommand(ctx);
      case 'reload':
        return reloadCommand(ctx);
      case 'status':
        return statusCommand(ctx);
      case 'version':
        return await versionCommand(ctx);
    }
  } catch (err) {
    if (!isKeactrlError(err)) throw err;
    out.error(err.message);
    if (err.showUsage) out.line(usageText());
    return 1;
  }
}
