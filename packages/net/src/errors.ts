// Coded errors of @kea-ts/net. A code is never reused for a different failure.
import { KeaError } from '@kea-ts/util';

export class NetError extends KeaError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'NetError';
  }
}

/** `interfaces-config` has an unknown key, a value of the wrong type or out of range. */
export const KEA_ERR_NET_CONFIG = 'KEA_ERR_NET_CONFIG';
/** An `interfaces` entry is malformed (empty name, empty address, `*` with an address, bad address). */
export const KEA_ERR_NET_BAD_IFACE_NAME = 'KEA_ERR_NET_BAD_IFACE_NAME';
/** An `interfaces` entry names an interface the system does not have. */
export const KEA_ERR_NET_NO_SUCH_IFACE = 'KEA_ERR_NET_NO_SUCH_IFACE';
/** An `iface/address` entry names an address the interface does not have. */
export const KEA_ERR_NET_NO_SUCH_ADDRESS = 'KEA_ERR_NET_NO_SUCH_ADDRESS';
/** An interface, an address or the wildcard is selected twice. */
export const KEA_ERR_NET_DUPLICATE = 'KEA_ERR_NET_DUPLICATE';
/** A socket could not be opened and `service-sockets-require-all` is true (after any retries). */
export const KEA_ERR_NET_OPEN_SOCKETS_FAILED = 'KEA_ERR_NET_OPEN_SOCKETS_FAILED';
/** One socket could not be created, configured or bound (the system's reason is in the message). */
export const KEA_ERR_NET_SOCKET = 'KEA_ERR_NET_SOCKET';
/** A send was asked for on an interface that has no open socket. */
export const KEA_ERR_NET_NO_SOCKET = 'KEA_ERR_NET_NO_SOCKET';
/** A frame or datagram does not fit (payload larger than the interface MTU allows). */
export const KEA_ERR_NET_TOO_BIG = 'KEA_ERR_NET_TOO_BIG';
