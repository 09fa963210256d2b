// Opening and closing the UDP sockets of the sender and the receiver, with one clear error on failure.
import dgram from 'node:dgram';
import { isIPv4, KeaError } from '@kea-ts/util';
import { ERR_DHCP_DDNS_SOCKET } from './errors.js';

/**
 * A UDP socket of the family of `familyOf`, bound to ip:port; rejects KEA_ERR_DHCP_DDNS_SOCKET saying
 * `what`. `recvBufferSize` asks the kernel for that receive buffer (capped at net.core.rmem_max).
 */
export async function bindUdp(
  familyOf: string,
  ip: string,
  port: number,
  what: string,
  recvBufferSize?: number,
): Promise<dgram.Socket> {
  const sock = dgram.createSocket({
    type: isIPv4(familyOf) ? 'udp4' : 'udp6',
    ...(recvBufferSize !== undefined ? { recvBufferSize } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error): void => {
      sock.close();
      reject(new KeaError(ERR_DHCP_DDNS_SOCKET, `${what} on ${ip} port ${port}: ${e.message}`, { cause: e }));
    };
    sock.once('error', fail);
    sock.bind({ address: ip, port, exclusive: true }, () => {
      sock.off('error', fail);
      resolve();
    });
  });
  return sock;
}

/** Closes `sock`; a close that throws is reported to `onError` and otherwise ignored. */
export function closeUdp(sock: dgram.Socket, onError: (e: Error) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      sock.close(() => resolve());
    } catch (e) {
      onError(e as Error);
      resolve();
    }
  });
}
