// kea-dhcp4: the program.
import { runDaemon } from '@kea-ts/process';
import { Dhcp4Server } from './server.js';

await runDaemon({
  binary: 'kea-dhcp4',
  configKey: 'Dhcp4',
  component: 'dhcp4',
  dhcpPorts: true,
  createApp: (context) =>
    new Dhcp4Server({
      commands: context.commands,
      shutdown: (code) => void context.daemon.shutdown(code),
      ...(context.serverPort ? { serverPort: context.serverPort } : {}),
      ...(context.clientPort ? { clientPort: context.clientPort } : {}),
    }),
});
