import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/** One pino logger per process; apps derive child loggers with `instanceId`, `jobId`, `workerId`. */
export function createLogger(options: { name: string; level?: string } & LoggerOptions): Logger {
  return pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { name: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...options,
  });
}
