// Coded errors of the control agent.
export const ERR_CA_AUTH_FILE = 'KEA_ERR_CA_AUTH_FILE';
