// Public entry point of @kea-ts/kea-dhcp-ddns (for tests): the daemon's app.
export { D2App } from './d2-app.js';
