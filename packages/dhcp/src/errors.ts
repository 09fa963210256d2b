// Coded errors of the codec. Parsing untrusted bytes throws only DhcpParseError; building from a bad
// config throws only DhcpConfigError. Nothing else may escape the codec.
import { KeaError } from '@kea-ts/util';

export const ERR_DHCP_PARSE = 'KEA_ERR_DHCP_PARSE';
export const ERR_DHCP_CONFIG = 'KEA_ERR_DHCP_CONFIG';
export const ERR_DHCP_PACK = 'KEA_ERR_DHCP_PACK';

/** Bytes from the network that do not make a valid packet or option. */
export class DhcpParseError extends KeaError {
  constructor(message: string) {
    super(ERR_DHCP_PARSE, message);
  }
}

/** An option definition or option data (from a config or a command) that cannot be used. */
export class DhcpConfigError extends KeaError {
  constructor(message: string) {
    super(ERR_DHCP_CONFIG, message);
  }
}

/** A packet that cannot be built as asked (e.g. larger than the client accepts with nothing to drop). */
export class DhcpPackError extends KeaError {
  constructor(message: string) {
    super(ERR_DHCP_PACK, message);
  }
}
