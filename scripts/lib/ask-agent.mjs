// Sends one command to the control agent over HTTPS with basic auth and prints the answer; used by
// scripts/setup to show the suite is up on a machine that may not have curl.
//   node scripts/lib/ask-agent.mjs URL CA_FILE USER PASSWORD_FILE COMMAND
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

const [url, caFile, user, passwordFile, command] = process.argv.slice(2);
const password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
const body = JSON.stringify({ command });
const req = request(
  url,
  {
    method: 'POST',
    ca: readFileSync(caFile),
    auth: `${user}:${password}`,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    timeout: 10_000,
  },
  (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      text += d;
    });
    res.on('end', () => {
      process.stdout.write(`HTTP ${res.statusCode}: ${text}\n`);
      process.exitCode = res.statusCode === 200 ? 0 : 1;
    });
  },
);
req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
req.on('error', (err) => {
  process.stderr.write(`cannot reach the control agent at ${url}: ${err.message}\n`);
  process.exitCode = 1;
});
req.end(body);
