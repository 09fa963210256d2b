// Entry point of the keactrl program (bin/keactrl imports this file).
import { streamOutput } from './output.js';
import { runKeactrl } from './run.js';

// `keactrl status | head -1` closes our stdout early: that is the reader's choice, not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
const out = streamOutput(process.stdout, process.stderr);
try {
  process.exitCode = await runKeactrl(process.argv.slice(2), { out });
} catch (err) {
  out.error(`unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
