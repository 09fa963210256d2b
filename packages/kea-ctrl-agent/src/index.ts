// Public entry of @kea-ts/kea-ctrl-agent (for tests and embedding): the agent app and its config checks.
export { ControlAgent } from './agent.js';
export { type AgentConfig, checkAgentConfig, SERVICES, unparseAgentConfig } from './config.js';
