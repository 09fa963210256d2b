// Shared by the oracle tests: the all-options configs and real Kea 2.2 answers captured by
// scripts/capture/oracle4 and oracle6 (test/fixtures/oracle), and for each option-data entry the bytes
// our codec resolves next to the bytes Kea sent for it: at the top level of an answer, or nested in
// the option(s) encapsulating its space, found through the option definitions' `encapsulate` links.
import { readFileSync } from 'node:fs';
import type { Test } from 'tap';
import type { OptionRegistry } from '../../src/defs/registry.js';
import { standardRegistry } from '../../src/defs/registry.js';
import { resolveOptionData } from '../../src/options/option-data.js';
import { parseOptionDef } from '../../src/options/option-def.js';
import {
  appendSuboptions,
  decodeOptionValue,
  optionValueToText,
  type RawSubOption,
} from '../../src/options/option-value.js';
import type { OptionDefinition, Universe } from '../../src/types.js';

export interface OracleExchange {
  'made-by': string;
  'kea-version': string;
  config: string;
  exchange: string;
  request: string;
  answer: string;
}

export interface Entry {
  name?: string;
  code?: number;
  space?: string;
  data?: string;
  'csv-format'?: boolean;
}

/** A fixture file of packages/dhcp/test/fixtures/oracle (tests run from dist/test/oracle/). */
export function oracleFixture<T>(file: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/oracle/${file}`, import.meta.url), 'utf8'),
  ) as T;
}

export interface OracleConfig {
  universe: Universe;
  top: string;
  registry: OptionRegistry;
  /** Every option-data entry: global first, then each subnet's, with where it was found. */
  entries: { entry: Entry; where: string }[];
}

export function loadConfig(universe: Universe): OracleConfig {
  const root = oracleFixture<Record<string, Record<string, unknown>>>(`kea${universe}-all-options.json`)[
    `Dhcp${universe}`
  ]!;
  const defs = ((root['option-def'] as unknown[] | undefined) ?? []).map((d) => parseOptionDef(d, universe));
  const registry = standardRegistry(universe).extend(defs);
  const entries: { entry: Entry; where: string }[] = [];
  for (const e of (root['option-data'] as Entry[] | undefined) ?? [])
    entries.push({ entry: e, where: 'global' });
  const subnets = (root[`subnet${universe}`] as Record<string, unknown>[] | undefined) ?? [];
  for (const s of subnets) {
    for (const e of (s['option-data'] as Entry[] | undefined) ?? []) {
      entries.push({ entry: e, where: `subnet ${s.subnet as string}` });
    }
  }
  return { universe, top: universe === 4 ? 'dhcp4' : 'dhcp6', registry, entries };
}

/**
 * The definitions leading from the top space down to an option of `space`: [outermost, ..., the
 * option's parent]. Kea only nests options of one config scope (global with global), so parents are
 * looked for among the definitions of the configured entries of the same scope. undefined: no path.
 */
export function encapsulationPath(
  cfg: OracleConfig,
  space: string,
  sameScope: readonly Entry[],
): OptionDefinition[] | undefined {
  if (space === cfg.top) return [];
  for (const e of sameScope) {
    const s = e.space ?? cfg.top;
    const def = e.code !== undefined ? cfg.registry.get(s, e.code) : cfg.registry.getByName(s, e.name!);
    if (def?.encapsulate !== space || s === space) continue;
    const up = encapsulationPath(cfg, s, sameScope);
    if (up) return [...up, def];
  }
  return undefined;
}

/**
 * Our bytes for an entry as Kea would put it on the wire: its own payload, then (as Kea's config
 * step does) the entries of the same scope in the space it encapsulates, by code, recursively.
 */
export function expectedPayload(cfg: OracleConfig, entry: Entry, sameScope: readonly Entry[]): Buffer {
  const r = resolveOptionData(entry, cfg.universe, cfg.registry);
  const space = r.def?.encapsulate ?? '';
  if (space === '' || space === cfg.top) return r.payload;
  const subs: RawSubOption[] = sameScope
    .filter((e) => (e.space ?? cfg.top) === space)
    .map((e) => ({
      code: resolveOptionData(e, cfg.universe, cfg.registry).code,
      data: expectedPayload(cfg, e, sameScope),
    }))
    .sort((a, b) => a.code - b.code);
  return subs.length === 0 ? r.payload : appendSuboptions(r.def!, r.payload, subs, cfg.universe);
}

/** Kea's bytes for an option reached through `path` then `code`, from a top-level lookup function. */
export function findInAnswer(
  cfg: OracleConfig,
  top: (code: number) => Buffer | undefined,
  path: readonly OptionDefinition[],
  code: number,
): Buffer | undefined {
  if (path.length === 0) return top(code);
  let payload = top(path[0]!.code);
  for (let i = 0; i < path.length && payload !== undefined; i++) {
    const def = path[i]!;
    const want = i + 1 < path.length ? path[i + 1]!.code : code;
    payload = decodeOptionValue(def, payload, cfg.universe).suboptions.find((s) => s.code === want)?.data;
  }
  return payload;
}

export interface Answer {
  /** The exchange name (fixture kea<u>-<name>.json). */
  name: string;
  /** A top-level option's payload in the answer (for a relayed answer: in the innermost message). */
  option(code: number): Buffer | undefined;
}

export interface OracleRun {
  cfg: OracleConfig;
  /** The answers to look in; the first is the one every configured option must be in. */
  answers: Answer[];
  /** Why Kea did not send options of a space ('space') or one option ('space.code'). */
  unsent: Readonly<Record<string, string>>;
  /** How many entries the fixtures let us compare: the test fails below it. */
  floor: number;
}

interface Compared {
  label: string;
  entry: Entry;
  def: OptionDefinition | undefined;
  theirs: Buffer;
  ownPayload: Buffer;
}

function labelOf(cfg: OracleConfig, e: Entry, where: string): string {
  const r = resolveOptionData(e, cfg.universe, cfg.registry);
  return `${r.space}.${r.def?.name ?? e.name ?? '?'} (${r.code}, ${where})`;
}

/**
 * For every option-data entry: our bytes equal Kea's in every answer that carries the option; lists
 * the compared ones by name and the others with the reason; fails if fewer than `floor` compared.
 * Then every compared option goes wire → Kea text → wire and gives our resolved payload again.
 */
export function runOracle(t: Test, run: OracleRun): void {
  const { cfg, answers } = run;
  const compared: Compared[] = [];
  const notCompared: string[] = [];
  for (const { entry, where } of cfg.entries) {
    const scope = cfg.entries.filter((x) => x.where === where).map((x) => x.entry);
    const r = resolveOptionData(entry, cfg.universe, cfg.registry);
    const label = labelOf(cfg, entry, where);
    const known = run.unsent[`${r.space}.${r.code}`] ?? run.unsent[r.space];
    const path = encapsulationPath(cfg, r.space, scope);
    if (!path) {
      notCompared.push(
        `${label}: ${known ?? `no configured option of ${cfg.top} encapsulates '${r.space}'`}`,
      );
      continue;
    }
    const ours = expectedPayload(cfg, entry, scope);
    let theirs: Buffer | undefined;
    let seenIn = 0;
    for (const a of answers) {
      const found = findInAnswer(cfg, (c) => a.option(c), path, r.code);
      if (found === undefined) continue;
      theirs ??= found;
      seenIn++;
      t.equal(ours.toString('hex'), found.toString('hex'), `${label} as Kea sent it in ${a.name}`);
    }
    if (theirs === undefined) {
      notCompared.push(`${label}: ${known ?? `not in Kea's ${answers[0]!.name} answer`}`);
      continue;
    }
    if (known) t.fail(`${label}: Kea sent it now, but it is listed as unsent (${known})`);
    compared.push({
      label: `${label} [${seenIn} answers]`,
      entry,
      def: r.def,
      theirs,
      ownPayload: r.payload,
    });
  }
  t.comment(`compared with Kea ${cfg.universe === 4 ? 'kea-dhcp4' : 'kea-dhcp6'} 2.2 (${compared.length}):`);
  for (const c of compared) t.comment(`  ${c.label}`);
  t.comment(`not compared (${notCompared.length}):`);
  for (const n of notCompared) t.comment(`  ${n}`);
  t.ok(compared.length >= run.floor, `${compared.length} options compared (the captures give ${run.floor})`);

  t.test('wire -> Kea text -> wire gives the configured payload back', (t) => {
    for (const c of compared) {
      if (!c.def || c.entry['csv-format'] === false) continue;
      const text = optionValueToText(c.def, c.theirs, cfg.universe);
      const again = resolveOptionData(
        { code: c.def.code, space: c.def.space, data: text },
        cfg.universe,
        cfg.registry,
      );
      t.equal(again.payload.toString('hex'), c.ownPayload.toString('hex'), `${c.label}: '${text}'`);
    }
    t.end();
  });
}
