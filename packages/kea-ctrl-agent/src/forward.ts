// Forwarding a command to the daemons named in its `service` list, over their UNIX control sockets,
// one answer per service in the order asked. A daemon that is down gets its own result-1 answer.
import { type Answer, CONTROL_RESULT_ERROR, type Command, createAnswer, type JsonValue } from '@kea-ts/cc';
import { sendUnixCommand } from '@kea-ts/config';
import type { Logger } from '@kea-ts/log';
import { MSG } from './messages.js';

export async function forwardCommand(
  command: Command,
  sockets: ReadonlyMap<string, string>,
  log: Logger,
  timeoutMs: number,
): Promise<JsonValue[]> {
  // The daemons take the command as Kea sends it on: without `service`.
  const message: { [k: string]: JsonValue } = { command: command.command };
  if (command.arguments !== undefined) message.arguments = command.arguments;
  const text = JSON.stringify(message);
  return Promise.all(
    (command.service ?? []).map(async (service): Promise<JsonValue> => {
      const socket = sockets.get(service);
      if (socket === undefined) {
        return toJson(
          createAnswer(
            CONTROL_RESULT_ERROR,
            `forwarding socket is not configured for the server type ${service}`,
          ),
        );
      }
      log.debug(10, MSG.CTRL_AGENT_COMMAND_FORWARD_BEGIN, command.command, service);
      try {
        const answer = await sendUnixCommand(socket, text, timeoutMs);
        log.debug(10, MSG.CTRL_AGENT_COMMAND_FORWARDED, command.command, service);
        return answer;
      } catch (err) {
        const reason = (err as Error).message;
        log.error(MSG.CTRL_AGENT_COMMAND_FORWARD_FAILED, command.command, `${service}: ${reason}`);
        return toJson(
          createAnswer(
            CONTROL_RESULT_ERROR,
            `unable to forward command to the ${service} service: ${reason}. The server is likely to be offline`,
          ),
        );
      }
    }),
  );
}

function toJson(answer: Answer): JsonValue {
  return answer as unknown as JsonValue;
}
