// class_cmds (libdhcp_class_cmds.so) through the daemon's command channel, in process: Kea's answers
// and texts for class-add/get/list/update/del, argument errors, a class in use refused, and each change
// classifying the next packet (boot-file-name of a PXE class) and showing in config-get.

import type { CommandMgr } from '@kea-ts/config';
import { Daemon } from '@kea-ts/process';
import t from 'tap';
import { Dhcp4Server } from '../src/index.js';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct } from './helpers/server.js';

async function start(t: { teardown(fn: () => unknown): void }) {
  const daemon = new Daemon(
    {
      binary: 'kea-dhcp4',
      configKey: 'Dhcp4',
      component: 'dhcp4',
      createApp: (ctx) => new Dhcp4Server({ commands: ctx.commands as CommandMgr, sockets: false }),
    },
    '/nonexistent/kea-dhcp4.conf',
    false,
  );
  const config = {
    Dhcp4: baseConfig({
      'hooks-libraries': [{ library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_class_cmds.so' }],
      'client-classes': [
        { name: 'a', test: "option[60].text == 'A'" },
        { name: 'b', test: "member('a')" },
      ],
    }),
  };
  await daemon.commit(await daemon.checkValue(config, { file: '<test>', positions: new Map() }));
  const server = daemon.app as Dhcp4Server;
  t.teardown(() => daemon.hooks.unload().then(() => server.stop()));
  const cmd = (command: string, args?: unknown) =>
    daemon.commands.processText(
      JSON.stringify({ command, ...(args === undefined ? {} : { arguments: args }) }),
    );
  const bootFile = async () => {
    const q = clientPacket(M.DHCPDISCOVER, { options: [[60, Buffer.from('PXEClient')]] });
    return readAnswer((await server.inject(q, direct()))!).file;
  };
  return { cmd, bootFile };
}

const pxe = { name: 'pxe', test: "option[60].text == 'PXEClient'", 'boot-file-name': 'pxe.efi' };

t.test('add, get, list, update, delete: answers and effect on the next packet', async (t) => {
  const { cmd, bootFile } = await start(t);
  t.equal(await bootFile(), '', 'no class yet: no boot file');

  t.same(await cmd('class-add', { 'client-classes': [pxe] }), { result: 0, text: "Class 'pxe' added" });
  t.equal(await bootFile(), 'pxe.efi', 'the added class applies to the next packet');

  t.same(await cmd('class-list'), {
    result: 0,
    text: '3 classes found',
    arguments: { 'client-classes': [{ name: 'a' }, { name: 'b' }, { name: 'pxe' }] },
  });
  const got = await cmd('class-get', { name: 'pxe' });
  t.equal(got.result, 0);
  t.equal(got.text, "Class 'pxe' definition returned");
  t.match(got.arguments, { 'client-classes': [{ name: 'pxe', 'boot-file-name': 'pxe.efi' }] });

  t.same(await cmd('class-update', { 'client-classes': [{ ...pxe, 'boot-file-name': 'new.efi' }] }), {
    result: 0,
    text: "Class 'pxe' updated",
  });
  t.equal(await bootFile(), 'new.efi');
  const cfg = await cmd('config-get');
  const names = (cfg.arguments as { Dhcp4: { 'client-classes': { name: string }[] } }).Dhcp4[
    'client-classes'
  ].map((c) => c.name);
  t.same(names, ['a', 'b', 'pxe'], 'config-get: the updated class kept its place');

  t.same(await cmd('class-del', { name: 'a' }), { result: 1, text: "Class 'a' is used by class 'b'" });
  t.same(await cmd('class-del', { name: 'pxe' }), { result: 0, text: "Class 'pxe' deleted" });
  t.equal(await bootFile(), '', 'deleted: no boot file any more');
  t.same(await cmd('class-get', { name: 'pxe' }), { result: 3, text: "Class 'pxe' not found" });
  t.same(await cmd('class-del', { name: 'pxe' }), { result: 3, text: "Class 'pxe' not found" });
  t.same(await cmd('class-update', { 'client-classes': [pxe] }), {
    result: 3,
    text: "Class 'pxe' is not found",
  });
});

t.test('argument errors, with Kea texts', async (t) => {
  const { cmd } = await start(t);
  const cases: [string, unknown, string][] = [
    ['class-add', undefined, "no arguments specified for the 'class-add' command"],
    [
      'class-add',
      {},
      "invalid number of arguments 0 for the 'class-add' command. Expecting 'client-classes' list",
    ],
    ['class-add', { classes: [] }, "missing 'client-classes' argument for the 'class-add' command"],
    [
      'class-add',
      { 'client-classes': {} },
      "'client-classes' argument specified for the 'class-add' command is not a list",
    ],
    [
      'class-add',
      { 'client-classes': [] },
      "invalid number of classes specified for the 'class-add' command. Expected one class",
    ],
    [
      'class-add',
      { 'client-classes': [pxe, pxe] },
      "invalid number of classes specified for the 'class-add' command. Expected one class",
    ],
    [
      'class-add',
      { 'client-classes': ['pxe'] },
      "invalid class definition specified for the 'class-add' command. Expected a map",
    ],
    [
      'class-update',
      { 'client-classes': [{ test: 'true' }] },
      "the first class definition is missing a mandatory 'name' parameter",
    ],
    [
      'class-get',
      { name: 'a', x: 1 },
      "invalid number of arguments 2 for the 'class-get' command. Expecting 'name' string",
    ],
    ['class-get', { nom: 'a' }, "missing 'name' argument for the 'class-get' command"],
    ['class-del', { name: 7 }, "'name' argument specified for the 'class-del' command is not a string"],
  ];
  for (const [command, args, text] of cases) {
    t.same(await cmd(command, args), { result: 1, text }, `${command} ${JSON.stringify(args)}`);
  }
  const dup = await cmd('class-add', { 'client-classes': [{ name: 'a', test: 'true' }] });
  t.equal(dup.result, 1, 'a second class a is refused');
  const bad = await cmd('class-add', { 'client-classes': [{ name: 'c', test: "member('nope')" }] });
  t.equal(bad.result, 1, 'a test naming an undefined class is refused');
  t.match(bad.text, /nope/);
  t.match(await cmd('class-list'), { result: 0, text: '2 classes found' }, 'nothing changed');
});
