// The parser's positions map, built lazily. Recording 'file:line:column' for every value of a
// 100k-reservation config costs more than the parsing itself when it is done eagerly (one path
// string, one object and one Map insertion per value), yet most parses never look a position up:
// positions are needed to report errors. So the parser records flat arrays of (parent, key,
// file, line, column) and the Map is filled on the first read.

import type { Position } from './position.js';

export class PositionRecorder {
  readonly parent: number[] = [];
  readonly key: (string | number)[] = [];
  readonly file: string[] = [];
  readonly line: number[] = [];
  readonly column: number[] = [];

  /** Adds the value at `key` under entry `parent` (-1 for the root) and returns its entry index. */
  add(parent: number, key: string | number, file: string, line: number, column: number): number {
    this.parent.push(parent);
    this.key.push(key);
    this.file.push(file);
    this.line.push(line);
    this.column.push(column);
    return this.parent.length - 1;
  }
}

/**
 * A Map<string, Position> whose content is computed from a PositionRecorder on first use. Every
 * Map method works as on a plain Map (structuredClone of an untouched map would see it empty).
 */
export class LazyPositionMap extends Map<string, Position> {
  private pending: PositionRecorder | null;

  constructor(recorder: PositionRecorder) {
    super();
    this.pending = recorder;
  }

  private fill(): void {
    const r = this.pending;
    if (r === null) return;
    this.pending = null;
    const n = r.parent.length;
    const paths: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const p = r.parent[i]!;
      const base = p < 0 ? '' : paths[p]!;
      const path = p < 0 ? '' : base === '' ? String(r.key[i]) : `${base}/${r.key[i]}`;
      paths[i] = path;
      super.set(path, { file: r.file[i]!, line: r.line[i]!, column: r.column[i]! });
    }
  }

  override get(key: string): Position | undefined {
    this.fill();
    return super.get(key);
  }

  override has(key: string): boolean {
    this.fill();
    return super.has(key);
  }

  override set(key: string, value: Position): this {
    this.fill();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.fill();
    return super.delete(key);
  }

  override clear(): void {
    this.pending = null;
    super.clear();
  }

  override get size(): number {
    this.fill();
    return super.size;
  }

  override forEach(
    cb: (value: Position, key: string, map: Map<string, Position>) => void,
    thisArg?: unknown,
  ): void {
    this.fill();
    super.forEach(cb, thisArg);
  }

  override entries(): MapIterator<[string, Position]> {
    this.fill();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<Position> {
    this.fill();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Position]> {
    this.fill();
    return super[Symbol.iterator]();
  }
}
