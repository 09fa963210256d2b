// kea-ctrl-agent: the program.
import { runDaemon } from '@kea-ts/process';
import { ControlAgent } from './agent.js';

await runDaemon({
  binary: 'kea-ctrl-agent',
  configKey: 'Control-agent',
  component: 'ctrl-agent',
  createApp: (context) => new ControlAgent(context),
});
