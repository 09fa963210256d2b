// flex_id (Kea's libdhcp_flex_id.so), the part both servers share: the library's parameters checked as
// Kea's load() checks them, and the flexible identifier of one query, evaluated at most once per packet
// (the host lookup and the client-id replacement ask for it at different steps).
import type { JsonValue } from '@kea-ts/cc';
import { standardRegistry } from '@kea-ts/dhcp';
import { compileStringExpression, type EvalPacket, type StringExpression } from '@kea-ts/eval';
import { defineMessages, getLogger, type Logger } from '@kea-ts/log';

/** Kea's library basename; any path ending in it loads our implementation. */
export const FLEX_ID_LIBRARY = 'libdhcp_flex_id.so';

export const FLEX_ID_MSG = defineMessages({
  FLEX_ID_EXPRESSION_EMPTY: 'Specified identifier-expression is empty',
  FLEX_ID_EXPRESSION_EVALUATED: "Expression evaluated for packet to '%1' (size: %2)",
  FLEX_ID_EXPRESSION_EVALUATED_NP: 'Expression evaluated for packet to 0x%1 (size: %2)',
  FLEX_ID_EXPRESSION_INVALID_JSON_TYPE: 'The identifier-expression is %1, but expected JSON string',
  FLEX_ID_EXPRESSION_NOT_DEFINED: 'The identifier-expression parameter is not defined',
  FLEX_ID_EXPRESSION_PARSE_FAILED: 'The identifier-expression is [%1], but fails to parse with error: %2',
  FLEX_ID_LOAD_ERROR: 'An error occurred loading the library %1',
  FLEX_ID_REPLACE_CLIENT_ID_JSON_TYPE: 'The replace-client-id is %1, but expected JSON boolean',
  FLEX_ID_RESTORE_CLIENT_ID: 'restoring original client identifier %1 in the response',
  FLEX_ID_RESTORE_DUID: 'restoring original DUID %1 in the response',
  FLEX_ID_UNLOAD: 'Flex-id library has been unloaded.',
  FLEX_ID_USED_AS_CLIENT_ID: 'the client identifier %1 computed by flex-id replaces the one sent',
  FLEX_ID_USED_AS_DUID: 'the DUID %1 computed by flex-id replaces the one sent',
});

/** Kea's DBGLVL_TRACE_BASIC, the level of the library's per-packet messages. */
export const FLEX_ID_DBG = 40;

export interface FlexIdSettings {
  /** null: the expression is empty, the library does nothing (Kea allows it, with a warning). */
  readonly expression: StringExpression | null;
  /** The flex-id also identifies the client's leases (client-id / DUID replaced in the query). */
  readonly replaceClientId: boolean;
}

function jsonType(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  return typeof v === 'boolean' ? 'boolean' : 'string';
}

/** The logger Kea's library uses, under the daemon's root ('kea-dhcp4.flex-id-hooks'). */
export function flexIdLogger(universe: 4 | 6): Logger {
  return getLogger(`kea-dhcp${universe}.flex-id-hooks`);
}

/**
 * The library's parameters; throws (after logging Kea's message) what Kea's load() refuses, so the
 * configuration fails with the reason.
 */
export function flexIdSettings(
  params: { [key: string]: JsonValue },
  universe: 4 | 6,
  log: Logger,
): FlexIdSettings {
  const fail = (id: keyof typeof FLEX_ID_MSG, text: string, ...args: unknown[]): never => {
    log.error(FLEX_ID_MSG[id], ...args);
    throw new Error(`flex_id: ${text}`);
  };
  const source = params['identifier-expression'];
  if (source === undefined) fail('FLEX_ID_EXPRESSION_NOT_DEFINED', "'identifier-expression' is not defined");
  if (typeof source !== 'string') {
    const type = jsonType(source as JsonValue);
    return fail(
      'FLEX_ID_EXPRESSION_INVALID_JSON_TYPE',
      `'identifier-expression' must be a string, not ${type}`,
      type,
    );
  }
  const replace = params['replace-client-id'] ?? false;
  if (typeof replace !== 'boolean') {
    const type = jsonType(replace);
    return fail(
      'FLEX_ID_REPLACE_CLIENT_ID_JSON_TYPE',
      `'replace-client-id' must be a boolean, not ${type}`,
      type,
    );
  }
  // ignore-iaid came with Kea 2.3; silently ignoring it would hand out different leases than asked.
  if (params['ignore-iaid'] !== undefined && params['ignore-iaid'] !== false) {
    throw new Error("flex_id: 'ignore-iaid' is not supported yet");
  }
  if (source === '') {
    log.warn(FLEX_ID_MSG.FLEX_ID_EXPRESSION_EMPTY);
    return { expression: null, replaceClientId: replace };
  }
  let expression: StringExpression;
  try {
    expression = compileStringExpression(source, { universe, definitions: standardRegistry(universe) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail('FLEX_ID_EXPRESSION_PARSE_FAILED', `identifier-expression [${source}]: ${why}`, source, why);
  }
  return { expression, replaceClientId: replace };
}

const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The flexible identifier of each query, computed on first request; an empty value (or an evaluation
 * error) means the packet has none, as in Kea.
 */
export class FlexIdValues<P extends EvalPacket['pkt']> {
  private readonly values = new WeakMap<P, Buffer | null>();

  constructor(
    private readonly expression: StringExpression,
    private readonly log: Logger,
  ) {}

  of(pkt: P): Buffer | null {
    let id = this.values.get(pkt);
    if (id !== undefined) return id;
    const value = this.expression.evaluate({ pkt });
    id = value !== undefined && value.length > 0 ? Buffer.from(value) : null;
    this.values.set(pkt, id);
    if (value === undefined) return id;
    const text = value.toString('latin1');
    // Kea reports a value that is not printable at INFO, a printable one at debug level 40.
    if (!PRINTABLE.test(text)) {
      this.log.info(FLEX_ID_MSG.FLEX_ID_EXPRESSION_EVALUATED_NP, value.toString('hex'), value.length);
    } else if (this.log.isDebugEnabled(FLEX_ID_DBG)) {
      this.log.debug(FLEX_ID_DBG, FLEX_ID_MSG.FLEX_ID_EXPRESSION_EVALUATED, text, value.length);
    }
    return id;
  }
}
