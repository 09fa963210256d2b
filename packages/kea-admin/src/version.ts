// The Kea release whose kea-admin this program stands in for (printed by -v).
export const KEA_ADMIN_VERSION = '2.2.0';
