// Entry point of the keactrl program (bin/keactrl imports this file).
import { streamOutput } from './output.js';
import { runKeactrl } from './run.js';

const out = streamOutput(process.stdout, process.stderr);
try {
  process.exitCode = await runKeactrl(process.argv.slice(2), { out });
} catch (err) {
  out.error(`unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
