// kea-admin's entry point: parse, run, print the usage text after a usage error, exit with Kea's codes.
import { createInterface } from 'node:readline';
import { configureLoggers, initLogging, shutdownLogging } from '@kea-ts/log';
import { isKeaError } from '@kea-ts/util';
import { parseAdminArgs, usageText } from './cli.js';
import { AdminExit, type Io, runCommand } from './commands.js';
import { KEA_ERR_ADMIN_USAGE } from './errors.js';
import { KEA_ADMIN_VERSION } from './version.js';

const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  interactive: process.stdin.isTTY === true,
  ask: () =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin });
      rl.once('line', (line) => {
        rl.close();
        resolve(line);
      });
    }),
};

const usage = () => io.out(usageText('kea-admin', KEA_ADMIN_VERSION));

async function main(): Promise<number> {
  // Only trouble reading an upload file is worth a line (on stderr); stdout carries kea-admin's own.
  initLogging('kea-admin');
  configureLoggers([{ name: 'kea-admin', severity: 'WARN', output_options: [{ output: 'stderr' }] }]);
  try {
    const cmd = parseAdminArgs(process.argv.slice(2), process.env);
    if (cmd.kind === 'version') {
      io.out(`${KEA_ADMIN_VERSION}\n`);
      return 0;
    }
    await runCommand(cmd.args, io);
    return 0;
  } catch (e) {
    if (e instanceof AdminExit) {
      if (e.showUsage) usage();
      return e.code;
    }
    if (isKeaError(e) && e.code === KEA_ERR_ADMIN_USAGE) {
      io.out(`ERROR/kea-admin: ${e.message}\n`);
      usage();
      return 1;
    }
    io.out(`ERROR/kea-admin: ${(e as Error).message}\n`);
    return 1;
  }
}

const code = await main();
await shutdownLogging();
process.exitCode = code;
