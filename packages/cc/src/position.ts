// Source positions of JSON values, used by every config error message ('file:line:column').

export interface Position {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units (Kea counts bytes; they differ only after non-ASCII text). */
  column: number;
}

export function formatPosition(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`;
}
