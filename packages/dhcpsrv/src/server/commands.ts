// The commands kea-dhcp4 and kea-dhcp6 add to the common ones, in one alphabetical list (the process
// base adds build-report, config-*, list-commands, shutdown, status-get, version-get).
import {
  type Answer,
  CONTROL_RESULT_EMPTY,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  createAnswer,
  type JsonValue,
} from '@kea-ts/cc';
import type { CommandHandler, CommandMgr } from '@kea-ts/config';
import type { StatsMgr } from '@kea-ts/stats';
import { statisticCommands } from '@kea-ts/stats';
import type { DisableOrigin, NetworkState } from './network-state.js';

/** What the commands need from a DHCP server of either family. */
export interface DhcpCommandTarget {
  family: 4 | 6;
  stats: StatsMgr;
  state: NetworkState;
  /** Runs one reclamation pass; null before the first configuration. */
  reclaim: ((remove: boolean) => Promise<unknown>) | null;
  serverTag(): string;
}

type Args = { [k: string]: JsonValue };

function isMap(v: JsonValue | undefined): v is Args {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Kea's origin argument: "user" (default) or "ha-partner"; an error text otherwise. */
function origin(args: Args, command: string): DisableOrigin | string {
  const o = args.origin;
  if (o === undefined) return 'user';
  if (typeof o !== 'string') return "'origin' argument must be a string";
  if (o === 'ha-partner' || o === 'user') return o;
  void command;
  return `invalid value used for 'origin' parameter: ${o === '' ? '(empty string)' : o}`;
}

function isOrigin(v: string): v is DisableOrigin {
  return v === 'user' || v === 'ha-partner';
}

export function registerDhcpServerCommands(commands: CommandMgr, server: () => DhcpCommandTarget): void {
  const family = server().family;
  const stats = statisticCommands(server().stats);
  const statHandlers: Record<string, CommandHandler> = {};
  for (const [name, fn] of Object.entries(stats)) statHandlers[name] = (args) => fn(args);

  const list: Record<string, CommandHandler> = {
    'config-backend-pull': (): Answer => createAnswer(CONTROL_RESULT_EMPTY, 'No config backend.'),

    'dhcp-disable': (args): Answer => {
      let maxPeriod = 0;
      let from: DisableOrigin = 'user';
      if (args !== undefined) {
        if (!isMap(args)) {
          return createAnswer(CONTROL_RESULT_ERROR, "arguments for the 'dhcp-disable' command must be a map");
        }
        const mp = args['max-period'];
        if (mp !== undefined) {
          if (typeof mp !== 'number' || !Number.isInteger(mp)) {
            return createAnswer(CONTROL_RESULT_ERROR, "'max-period' argument must be a number");
          }
          if (mp <= 0) return createAnswer(CONTROL_RESULT_ERROR, "'max-period' must be positive integer");
          maxPeriod = mp;
        }
        const o = origin(args, 'dhcp-disable');
        if (!isOrigin(o)) return createAnswer(CONTROL_RESULT_ERROR, o);
        from = o;
      }
      server().state.disable(from, maxPeriod);
      const text =
        maxPeriod > 0
          ? `DHCPv${family} service disabled for ${maxPeriod} seconds`
          : `DHCPv${family} service disabled`;
      return createAnswer(CONTROL_RESULT_SUCCESS, text);
    },

    'dhcp-enable': (args): Answer => {
      let from: DisableOrigin = 'user';
      if (args !== undefined) {
        if (!isMap(args)) {
          return createAnswer(CONTROL_RESULT_ERROR, "arguments for the 'dhcp-enable' command must be a map");
        }
        const o = origin(args, 'dhcp-enable');
        if (!isOrigin(o)) return createAnswer(CONTROL_RESULT_ERROR, o);
        from = o;
      }
      server().state.enable(from);
      return createAnswer(CONTROL_RESULT_SUCCESS, 'DHCP service successfully enabled');
    },

    'leases-reclaim': async (args): Promise<Answer> => {
      const remove = isMap(args) ? args.remove : undefined;
      if (remove === undefined)
        return createAnswer(CONTROL_RESULT_ERROR, "Missing mandatory 'remove' parameter.");
      if (typeof remove !== 'boolean') {
        return createAnswer(CONTROL_RESULT_ERROR, "'remove' parameter expected to be a boolean.");
      }
      const reclaim = server().reclaim;
      if (reclaim === null) return createAnswer(CONTROL_RESULT_ERROR, 'the server has no configuration yet');
      await reclaim(remove);
      return createAnswer(CONTROL_RESULT_SUCCESS, 'Reclamation of expired leases is complete.');
    },

    'server-tag-get': (): Answer =>
      createAnswer(CONTROL_RESULT_SUCCESS, undefined, {
        'server-tag': server().serverTag(),
      }),

    ...statHandlers,
  };
  commands.registerAll(list);
}
