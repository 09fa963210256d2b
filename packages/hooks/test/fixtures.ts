// Small user hook libraries, written as .mjs files into a tap test directory at run time.
// They report to the test through globalThis.__hookTrace.

declare global {
  var __hookTrace: string[];
}

export function resetTrace(): string[] {
  globalThis.__hookTrace = [];
  return globalThis.__hookTrace;
}

/** Library 'A': exports pkt4_receive (standard callout), registers another in load(), records parameters. */
export const LIB_A = `
let loads = 0;
export function version() { return 1; }
export function multi_threading_compatible() { return 1; }
export function pkt4_receive(handle) { globalThis.__hookTrace.push('A-std:' + handle.args.id); }
export function load(handle) {
  loads++;
  globalThis.__hookTrace.push('A-load:' + loads + ':' + JSON.stringify(handle.getParameters()) + ':' +
    JSON.stringify(handle.getParameter('answer')) + ':' + String(handle.getParameter('missing')));
  handle.registerCallout('pkt4_receive', (h) => { globalThis.__hookTrace.push('A-explicit'); });
  handle.registerCallout('pkt4_send', (h) => {
    h.context.set('seen', (h.context.get('seen') ?? 0) + 1);
    globalThis.__hookTrace.push('A-send:' + h.context.get('seen'));
  });
  handle.registerCommandHandler('a-get', (command, args) =>
    ({ result: 0, text: 'A answers ' + command, arguments: { echo: args ?? null } }));
  return 0;
}
export function unload() { globalThis.__hookTrace.push('A-unload'); return 0; }
`;

/** Library 'B': next-step games and context isolation. */
export const LIB_B = `
export function version() { return 1; }
export function load(handle) {
  const mode = handle.getParameter('mode');
  handle.registerCallout('pkt4_receive', (h) => {
    globalThis.__hookTrace.push('B-sees:' + h.next);
    if (mode === 'drop') h.next = 2;
    if (mode === 'skip') h.next = 1;
    if (mode === 'continue') h.next = 0;
  });
  handle.registerCallout('pkt4_send', (h) => {
    globalThis.__hookTrace.push('B-send-ctx:' + String(h.context.get('seen')));
  });
}
export function unload() { globalThis.__hookTrace.push('B-unload'); }
`;

export const LIB_ASYNC = `
export function version() { return 1; }
export function load(handle) {
  handle.registerCallout('pkt4_receive', async (h) => {
    await new Promise((r) => setTimeout(r, 5));
    globalThis.__hookTrace.push('async-1');
  });
  handle.registerCallout('pkt4_receive', (h) => { globalThis.__hookTrace.push('sync-2'); });
  handle.registerCallout('pkt4_receive', async (h) => {
    await null;
    globalThis.__hookTrace.push('async-3');
    h.next = 3;
  });
}
`;

export const LIB_THROWS_IN_CALLOUT = `
export function version() { return 1; }
export function pkt4_receive(h) { throw new Error('callout broke'); }
export function pkt4_send(h) { return Promise.reject(new Error('async callout broke')); }
`;

/** Parks the packet and unparks it later, as a lease4_committed library would. */
export const LIB_PARK = `
export function version() { return 1; }
export function leases4_committed(h) {
  const pkt = h.args.query;
  h.parkingLot.reference(pkt);
  h.next = 3;
  setTimeout(() => { globalThis.__hookTrace.push('unparking'); h.parkingLot.unpark(pkt); }, 5);
}
`;

export const LIB_WRONG_VERSION = `export function version() { return 2; }`;
export const LIB_NO_VERSION = `export function load() { return 0; }`;
export const LIB_LOAD_THROWS = `
export function version() { return 1; }
export function load() { throw new Error('cannot reach the database'); }
`;
export const LIB_LOAD_NONZERO = `
export function version() { return 1; }
export function load() { return 7; }
`;
export const LIB_BAD_HOOK = `
export function version() { return 1; }
export function load(handle) { handle.registerCallout('no_such_hook', () => {}); }
`;
export const LIB_SYNTAX_ERROR = `export function version( { return 1; }`;
