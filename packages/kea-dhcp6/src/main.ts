// kea-dhcp6: the program.
import { runDaemon } from '@kea-ts/process';
import { Dhcp6Server } from './server.js';

await runDaemon({
  binary: 'kea-dhcp6',
  configKey: 'Dhcp6',
  component: 'dhcp6',
  dhcpPorts: true,
  createApp: (context) =>
    new Dhcp6Server({
      commands: context.commands,
      shutdown: (code) => void context.daemon.shutdown(code),
      ...(context.serverPort ? { serverPort: context.serverPort } : {}),
      ...(context.clientPort ? { clientPort: context.clientPort } : {}),
    }),
});
