// zod schemas for the parts every daemon's config shares: loggers, control-socket, hooks-libraries,
// user-context and comment. The daemons compose them into their own strict schemas.
import { z } from 'zod';

const severity = z.enum(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'NONE'], {
  error: 'expected one of FATAL, ERROR, WARN, INFO, DEBUG, NONE',
});

export const userContextFields = {
  'user-context': z.record(z.string(), z.unknown(), { error: 'user-context must be a map' }).optional(),
  comment: z.string({ error: 'comment must be a string' }).optional(),
};

export const outputOptionSchema = z.strictObject({
  output: z.string({ error: 'output must be a string' }).min(1, 'output must not be empty'),
  pattern: z.string({ error: 'pattern must be a string' }).optional(),
  flush: z.boolean({ error: 'flush must be a boolean' }).optional(),
  maxsize: z.int({ error: 'maxsize must be an integer' }).min(0, 'maxsize must not be negative').optional(),
  maxver: z.int({ error: 'maxver must be an integer' }).min(1, 'maxver must be at least 1').optional(),
  ...userContextFields,
});

export const loggerSchema = z.strictObject({
  name: z.string({ error: 'name must be a string' }).min(1, 'logger name must not be empty'),
  severity: severity.optional(),
  debuglevel: z
    .int({ error: 'debuglevel must be an integer' })
    .min(0)
    .max(99, 'debuglevel must be 0-99')
    .optional(),
  output_options: z.array(outputOptionSchema, { error: 'output_options must be a list' }).optional(),
  'output-options': z.array(outputOptionSchema, { error: 'output-options must be a list' }).optional(),
  ...userContextFields,
});

export const loggersSchema = z.array(loggerSchema, { error: 'loggers must be a list' });

export const controlSocketSchema = z.strictObject({
  'socket-type': z.literal('unix', { error: 'socket-type must be "unix"' }),
  'socket-name': z.string({ error: 'socket-name must be a string' }).min(1, 'socket-name must not be empty'),
  ...userContextFields,
});

export const hookLibrarySchema = z.strictObject({
  library: z.string({ error: 'library must be a string' }).min(1, 'library must not be empty'),
  parameters: z.record(z.string(), z.unknown(), { error: 'parameters must be a map' }).optional(),
  ...userContextFields,
});

export const hooksLibrariesSchema = z.array(hookLibrarySchema, { error: 'hooks-libraries must be a list' });

export type LoggerEntry = z.infer<typeof loggerSchema>;
export type HookLibraryEntry = z.infer<typeof hookLibrarySchema>;
