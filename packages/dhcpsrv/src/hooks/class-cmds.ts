// class_cmds (Kea's libdhcp_class_cmds.so) for both servers: class-add, class-get, class-list,
// class-update and class-del with Kea's arguments, answers and texts. A change is made as a new whole
// configuration (the running one with its client-classes list edited) committed the way config-set
// commits one: the same checks as a config file, new packets classified by the new list at once, and
// config-get showing it; the lease database and sockets are kept (they did not change).
import {
  type Answer,
  CONTROL_RESULT_EMPTY,
  CONTROL_RESULT_ERROR,
  CONTROL_RESULT_SUCCESS,
  createAnswer,
  type JsonValue,
} from '@kea-ts/cc';
import { HOOKS_API_VERSION, type HookLibraryModule } from '@kea-ts/hooks';
import { defineMessages, getLogger } from '@kea-ts/log';

export const CLASS_CMDS_LIBRARY = 'libdhcp_class_cmds.so';

export const CLASS_CMDS_MSG = defineMessages({
  CLASS_CMDS_CLASS_ADD: 'Class added: %1',
  CLASS_CMDS_CLASS_ADD_FAILED: 'Adding class failed: %1',
  CLASS_CMDS_CLASS_DEL: 'Class deleted: %1',
  CLASS_CMDS_CLASS_DEL_EMPTY: 'Class to delete not found: %1',
  CLASS_CMDS_CLASS_DEL_FAILED: 'Deleting class failed: %1',
  CLASS_CMDS_CLASS_GET: 'Class retrieved: %1',
  CLASS_CMDS_CLASS_GET_EMPTY: 'Class not found: %1',
  CLASS_CMDS_CLASS_GET_FAILED: 'Retrieving class failed: %1',
  CLASS_CMDS_CLASS_LIST: 'List of classes returned',
  CLASS_CMDS_CLASS_LIST_EMPTY: 'The class list is empty',
  CLASS_CMDS_CLASS_LIST_FAILED: 'Listing classes failed: %1',
  CLASS_CMDS_CLASS_UPDATE: 'Class updated: %1',
  CLASS_CMDS_CLASS_UPDATE_EMPTY: 'Class to update not found: %1',
  CLASS_CMDS_CLASS_UPDATE_FAILED: 'Updating class failed: %1',
});

type Json = { [key: string]: JsonValue };
type ClassDef = Json & { name?: JsonValue };

/** How the library reaches the server: its own command channel (config-get, config-set). */
export type RunCommand = (cmd: { command: string; arguments?: JsonValue }) => Promise<Answer>;

function isMap(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class Refused extends Error {}

/** Kea's parseCommandWithArgs: the arguments must be there and be a map. */
function mandatoryArgs(command: string, args: JsonValue | undefined): Json {
  if (args === undefined) throw new Refused(`no arguments specified for the '${command}' command`);
  if (!isMap(args)) throw new Refused(`arguments specified for the '${command}' command are not a map`);
  return args;
}

/** The one argument `key` the command takes (Kea's count, then presence checks). */
function singleArgument(command: string, args: JsonValue | undefined, key: string, expecting: string) {
  const a = mandatoryArgs(command, args);
  const n = Object.keys(a).length;
  if (n !== 1) {
    throw new Refused(
      `invalid number of arguments ${n} for the '${command}' command. Expecting ${expecting}`,
    );
  }
  const value = a[key];
  if (value === undefined) throw new Refused(`missing '${key}' argument for the '${command}' command`);
  return value;
}

/** class-add / class-update: exactly {"client-classes": [ {one class} ]}. */
function receivedClass(command: string, args: JsonValue | undefined): ClassDef {
  const list = singleArgument(command, args, 'client-classes', "'client-classes' list");
  if (!Array.isArray(list)) {
    throw new Refused(`'client-classes' argument specified for the '${command}' command is not a list`);
  }
  if (list.length !== 1) {
    throw new Refused(`invalid number of classes specified for the '${command}' command. Expected one class`);
  }
  const def = list[0];
  if (!isMap(def)) {
    throw new Refused(`invalid class definition specified for the '${command}' command. Expected a map`);
  }
  return def;
}

/** class-get / class-del: exactly {"name": "<string>"}. */
function nameArg(command: string, args: JsonValue | undefined): string {
  const name = singleArgument(command, args, 'name', "'name' string");
  if (typeof name !== 'string') {
    throw new Refused(`'name' argument specified for the '${command}' command is not a string`);
  }
  return name;
}

/** Whether a class's expressions name `target` in member() (Kea's dependOnClass). */
function dependsOn(def: ClassDef, target: string): boolean {
  const quoted = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const member = new RegExp(`member\\s*\\(\\s*'${quoted}'\\s*\\)`);
  return ['test', 'template-test'].some((k) => typeof def[k] === 'string' && member.test(def[k] as string));
}

export function classCmdsLibrary(universe: 4 | 6, run: RunCommand): HookLibraryModule {
  const log = getLogger(`kea-dhcp${universe}.class-cmds-hooks`);
  const key = universe === 4 ? 'Dhcp4' : 'Dhcp6';

  /** The running configuration as config-get shows it, and its client-classes list. */
  const current = async (): Promise<{ whole: Json; section: Json; classes: ClassDef[] }> => {
    const got = await run({ command: 'config-get' });
    const whole = got.arguments as Json;
    const section = whole[key] as Json;
    const classes = (section['client-classes'] as ClassDef[] | undefined) ?? [];
    return { whole, section, classes };
  };

  /** Commits the configuration with `classes` as its list; the failure text when refused. */
  const commit = async (c: { whole: Json; section: Json }, classes: ClassDef[]): Promise<void> => {
    const answer = await run({
      command: 'config-set',
      arguments: { ...c.whole, [key]: { ...c.section, 'client-classes': classes } },
    });
    if (answer.result !== CONTROL_RESULT_SUCCESS) throw new Refused(answer.text ?? 'configuration refused');
  };

  const guarded =
    (
      failed: (typeof CLASS_CMDS_MSG)[keyof typeof CLASS_CMDS_MSG],
      body: (args: JsonValue | undefined) => Promise<Answer>,
    ) =>
    async (_command: string, args: JsonValue | undefined): Promise<Answer> => {
      try {
        return await body(args);
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        log.info(failed, text);
        return createAnswer(CONTROL_RESULT_ERROR, text);
      }
    };

  const M = CLASS_CMDS_MSG;
  const handlers: Record<string, (command: string, args: JsonValue | undefined) => Promise<Answer>> = {
    'class-add': guarded(M.CLASS_CMDS_CLASS_ADD_FAILED, async (args) => {
      const def = receivedClass('class-add', args);
      if (typeof def.name !== 'string')
        throw new Refused("missing 'name' argument for the 'class-add' command");
      const c = await current();
      if (c.classes.some((x) => x.name === def.name)) {
        throw new Refused(`Can't add class: Client Class: ${def.name} has already been defined`);
      }
      await commit(c, [...c.classes, def]);
      log.info(M.CLASS_CMDS_CLASS_ADD, JSON.stringify(def));
      return createAnswer(CONTROL_RESULT_SUCCESS, `Class '${def.name}' added`);
    }),
    'class-get': guarded(M.CLASS_CMDS_CLASS_GET_FAILED, async (args) => {
      const name = nameArg('class-get', args);
      const def = (await current()).classes.find((x) => x.name === name);
      if (def === undefined) {
        log.info(M.CLASS_CMDS_CLASS_GET_EMPTY, name);
        return createAnswer(CONTROL_RESULT_EMPTY, `Class '${name}' not found`);
      }
      log.info(M.CLASS_CMDS_CLASS_GET, name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Class '${name}' definition returned`, {
        'client-classes': [def],
      });
    }),
    'class-list': guarded(M.CLASS_CMDS_CLASS_LIST_FAILED, async () => {
      const { classes } = await current();
      const n = classes.length;
      const text = `${n} class${n === 1 ? '' : 'es'} found`;
      const list = { 'client-classes': classes.map((x) => ({ name: x.name ?? '' })) };
      log.info(n > 0 ? M.CLASS_CMDS_CLASS_LIST : M.CLASS_CMDS_CLASS_LIST_EMPTY);
      return createAnswer(n > 0 ? CONTROL_RESULT_SUCCESS : CONTROL_RESULT_EMPTY, text, list);
    }),
    'class-update': guarded(M.CLASS_CMDS_CLASS_UPDATE_FAILED, async (args) => {
      const def = receivedClass('class-update', args);
      if (typeof def.name !== 'string') {
        throw new Refused("the first class definition is missing a mandatory 'name' parameter");
      }
      const c = await current();
      const at = c.classes.findIndex((x) => x.name === def.name);
      if (at < 0) {
        log.info(M.CLASS_CMDS_CLASS_UPDATE_EMPTY, def.name);
        return createAnswer(CONTROL_RESULT_EMPTY, `Class '${def.name}' is not found`);
      }
      // The class keeps its place: classes after it may test member() of it.
      await commit(
        c,
        c.classes.map((x, i) => (i === at ? def : x)),
      );
      log.info(M.CLASS_CMDS_CLASS_UPDATE, JSON.stringify(def));
      return createAnswer(CONTROL_RESULT_SUCCESS, `Class '${def.name}' updated`);
    }),
    'class-del': guarded(M.CLASS_CMDS_CLASS_DEL_FAILED, async (args) => {
      const name = nameArg('class-del', args);
      const c = await current();
      if (!c.classes.some((x) => x.name === name)) {
        log.info(M.CLASS_CMDS_CLASS_DEL_EMPTY, name);
        return createAnswer(CONTROL_RESULT_EMPTY, `Class '${name}' not found`);
      }
      const user = c.classes.find((x) => x.name !== name && dependsOn(x, name));
      if (user !== undefined) throw new Refused(`Class '${name}' is used by class '${user.name}'`);
      await commit(
        c,
        c.classes.filter((x) => x.name !== name),
      );
      log.info(M.CLASS_CMDS_CLASS_DEL, name);
      return createAnswer(CONTROL_RESULT_SUCCESS, `Class '${name}' deleted`);
    }),
  };

  return {
    version: () => HOOKS_API_VERSION,
    multi_threading_compatible: () => true,
    load(handle) {
      for (const [name, handler] of Object.entries(handlers)) handle.registerCommandHandler(name, handler);
      return 0;
    },
  };
}
