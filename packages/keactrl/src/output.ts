// keactrl's voice. Kea's keactrl prefixes its own lines with "<LEVEL>/keactrl: ", and people grep for
// that, so we keep the prefix; informational lines go to stdout, warnings and errors to stderr.

export interface Output {
  /** A plain line on stdout (status and version answers). */
  line(text: string): void;
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export function streamOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  return {
    line: (text) => stdout.write(`${text}\n`),
    info: (text) => stdout.write(`INFO/keactrl: ${text}\n`),
    warn: (text) => stderr.write(`WARNING/keactrl: ${text}\n`),
    error: (text) => stderr.write(`ERROR/keactrl: ${text}\n`),
  };
}

/** Collects lines in memory, for tests. */
export function memoryOutput(): Output & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    line: (text) => stdout.push(text),
    info: (text) => stdout.push(`INFO/keactrl: ${text}`),
    warn: (text) => stderr.push(`WARNING/keactrl: ${text}`),
    error: (text) => stderr.push(`ERROR/keactrl: ${text}`),
  };
}
