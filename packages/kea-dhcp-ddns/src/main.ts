// kea-dhcp-ddns: the program.
import { runDaemon } from '@kea-ts/process';
import { D2App } from './d2-app.js';

await runDaemon({
  binary: 'kea-dhcp-ddns',
  configKey: 'DhcpDdns',
  component: 'dctl',
  createApp: (context) => new D2App(context),
});
