// The commands every daemon answers: build-report, config-get, config-reload, config-set, config-test,
// config-write, shutdown, status-get and version-get (list-commands lives in the command manager).
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type Answer,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  type Command,
  createAnswer,
  type JsonValue,
  type Position,
} from '@kea-ts/cc';
import type { CommandSource, ConfigSource } from '@kea-ts/config';
import { isMap } from './config-file.js';
import type { Daemon } from './daemon.js';
import { buildReportText, extendedVersionText, versionText } from './version.js';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * config-set and config-test carry the config inside the command: error positions then point into the
 * command text, whose value paths start with 'arguments/'.
 */
function sourceOfArguments(command: Command, source: CommandSource | undefined): ConfigSource {
  const positions = new Map<string, Position>();
  for (const [path, position] of source?.positions ?? []) {
    if (path.startsWith('arguments/')) positions.set(path.slice('arguments/'.length), position);
  }
  return { file: source?.file ?? `<${command.command}>`, positions };
}

export function registerCommonCommands(daemon: Daemon<unknown>): void {
  const key = daemon.spec.configKey;
  const wholeConfig = (): JsonValue => {
    const config = daemon.config;
    return config === null ? { [key]: {} } : { [key]: daemon.app.unparse(config) };
  };
  const checkArguments = async (command: Command, source: CommandSource | undefined): Promise<unknown> => {
    if (!isMap(command.arguments))
      throw new Error(`missing mandatory 'arguments' parameter: a map holding "${key}"`);
    return daemon.checkValue(command.arguments, sourceOfArguments(command, source));
  };

  daemon.commands.registerAll({
    'build-report': () => createAnswer(CONTROL_RESULT_SUCCESS, buildReportText(daemon.spec.binary)),

    'config-get': () => createAnswer(CONTROL_RESULT_SUCCESS, undefined, wholeConfig()),

    'config-reload': async (): Promise<Answer> => {
      try {
        await daemon.reloadFromFile();
        return createAnswer(CONTROL_RESULT_SUCCESS, 'Configuration successful.');
      } catch (err) {
        return createAnswer(CONTROL_RESULT_ERROR, `Config reload failed: ${errorText(err)}`);
      }
    },

    'config-set': async (_args, command, source): Promise<Answer> => {
      let config: unknown;
      try {
        config = await checkArguments(command, source);
      } catch (err) {
        return createAnswer(CONTROL_RESULT_ERROR, errorText(err));
      }
      try {
        await daemon.commit(config);
      } catch (err) {
        return createAnswer(
          CONTROL_RESULT_ERROR,
          `configuration rejected, the running one is kept: ${errorText(err)}`,
        );
      }
      return createAnswer(CONTROL_RESULT_SUCCESS, 'Configuration successful.');
    },

    'config-test': async (_args, command, source): Promise<Answer> => {
      try {
        await checkArguments(command, source);
        return createAnswer(CONTROL_RESULT_SUCCESS, 'Configuration seems sane.');
      } catch (err) {
        return createAnswer(CONTROL_RESULT_ERROR, errorText(err));
      }
    },

    'config-write': (args): Answer => {
      let name = daemon.configFile;
      if (args !== undefined) {
        if (!isMap(args)) return createAnswer(CONTROL_RESULT_ERROR, "'arguments' must be a map");
        const given = args.filename;
        if (given !== undefined) {
          if (typeof given !== 'string' || given === '')
            return createAnswer(CONTROL_RESULT_ERROR, 'filename must be a non-empty string');
          name = given;
        }
      }
      // Writing anywhere the daemon can write would let an API user overwrite system files.
      const path = resolve(daemon.configDir, name);
      const rel = relative(daemon.configDir, path);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        return createAnswer(
          CONTROL_RESULT_ERROR,
          `not allowed to write config into ${path}: only inside ${daemon.configDir}`,
        );
      }
      const text = `${JSON.stringify(wholeConfig(), null, 2)}\n`;
      try {
        writeFileSync(path, text, { mode: 0o640 });
      } catch (err) {
        return createAnswer(
          CONTROL_RESULT_ERROR,
          `Unable to open file ${path} for writing: ${errorText(err)}`,
        );
      }
      return createAnswer(CONTROL_RESULT_SUCCESS, `Configuration written to ${path} successful`, {
        filename: path,
        size: Buffer.byteLength(text),
      });
    },

    shutdown: (args): Answer => {
      let code = 0;
      if (isMap(args) && args['exit-value'] !== undefined) {
        const v = args['exit-value'];
        if (typeof v !== 'number' || !Number.isInteger(v))
          return createAnswer(CONTROL_RESULT_ERROR, "parameter 'exit-value' is not an integer");
        code = v;
      }
      // Answer first; stop once the answer had a chance to leave.
      setTimeout(() => void daemon.shutdown(code), 50);
      return createAnswer(CONTROL_RESULT_SUCCESS, 'Shutting down.');
    },

    'status-get': () =>
      createAnswer(CONTROL_RESULT_SUCCESS, undefined, {
        pid: process.pid,
        uptime: daemon.uptimeSeconds,
        reload: daemon.secondsSinceReload,
        ...(daemon.app.status?.() ?? {}),
      }),

    'version-get': () =>
      createAnswer(CONTROL_RESULT_SUCCESS, versionText(), { extended: extendedVersionText() }),
  });
}
