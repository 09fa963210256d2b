// class_cmds as a Kea user drives it: kea-dhcp4 and kea-dhcp6 started with libdhcp_class_cmds.so in
// hooks-libraries, the class-* commands sent over their UNIX control sockets; answers and texts as
// Kea's, the change visible in config-get and written out by config-write. No DHCP traffic (no
// interfaces), so no namespace is needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { command } from './lib/control.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';

for (const v of [4, 6] as const) {
  t.test(
    `kea-dhcp${v}: class-add, class-list, class-get, class-update, class-del over the socket`,
    async (t) => {
      const dir = tempDir(t, `kcc${v}-`);
      const socket = join(dir, `kea${v}.sock`);
      const key = `Dhcp${v}`;
      const conf = writeJson(join(dir, `kea-dhcp${v}.conf`), {
        [key]: {
          'interfaces-config': { interfaces: [] },
          'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
          'lease-database': { type: 'memfile', persist: false },
          'hooks-libraries': [{ library: `/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_class_cmds.so` }],
          'client-classes': [{ name: 'base', test: v === 4 ? 'option[60].exists' : 'option[16].exists' }],
          loggers: [{ name: `kea-dhcp${v}`, severity: 'INFO', output_options: [{ output: 'stdout' }] }],
        },
      });
      const server = startProgram(t, bin(`kea-dhcp${v}`), ['-c', conf], { KEA_PIDFILE_DIR: dir });
      await server.waitFor(v === 4 ? /DHCP4_STARTED/ : /DHCP6_STARTED/, 20_000);
      const cmd = (c: string, args?: object) =>
        command(socket, { command: c, ...(args ? { arguments: args } : {}) });

      const added = { name: 'derived', test: "member('base')", 'valid-lifetime': 600 };
      t.same(await cmd('class-add', { 'client-classes': [added] }), {
        result: 0,
        text: "Class 'derived' added",
      });
      t.same(await cmd('class-list'), {
        result: 0,
        text: '2 classes found',
        arguments: { 'client-classes': [{ name: 'base' }, { name: 'derived' }] },
      });
      const got = await cmd('class-get', { name: 'derived' });
      t.equal(got.text, "Class 'derived' definition returned");
      t.match(got.arguments, {
        'client-classes': [{ name: 'derived', test: "member('base')", 'valid-lifetime': 600 }],
      });
      t.same(await cmd('class-update', { 'client-classes': [{ ...added, 'valid-lifetime': 700 }] }), {
        result: 0,
        text: "Class 'derived' updated",
      });
      const cfg = await cmd('config-get');
      const classes = (cfg.arguments as Record<string, { 'client-classes': Record<string, unknown>[] }>)[
        key
      ]!['client-classes'];
      t.match(classes, [{ name: 'base' }, { name: 'derived', 'valid-lifetime': 700 }], 'config-get shows it');
      t.same(await cmd('class-del', { name: 'base' }), {
        result: 1,
        text: "Class 'base' is used by class 'derived'",
      });
      t.same(await cmd('class-del', { name: 'derived' }), { result: 0, text: "Class 'derived' deleted" });
      t.same(await cmd('class-get', { name: 'derived' }), { result: 3, text: "Class 'derived' not found" });
      t.equal((await cmd('config-write', { filename: `kea-dhcp${v}.conf` })).result, 0);
      const written = JSON.parse(readFileSync(conf, 'utf8'))[key]['client-classes'];
      t.match(written, [{ name: 'base' }], 'config-write writes the list as it is now');
      t.equal(written.length, 1);
    },
  );
}
