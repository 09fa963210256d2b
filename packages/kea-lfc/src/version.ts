// kea-lfc's -v and -V texts.
export const LFC_VERSION = '0.1.0';

export function extendedVersion(): string {
  return `${LFC_VERSION} (kea-ts, compatible with ISC Kea 2.2)\nNode.js ${process.version}\ndatabase: Memfile backend 2.1 (v4), 4.0 (v6)`;
}
