import { type Logger, type LoggerOptions, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface CreateLoggerOptions extends LoggerOptions {
  name: string;
  /** @default LOG_LEVEL, else info */
  level?: string;
  /**
   * `json` (one object a line, for log collectors) or `pretty` (for people).
   * @default LOG_FORMAT, else pretty when stdout is a terminal and json otherwise
   */
  format?: 'json' | 'pretty';
}

/** One pino logger per process; apps derive child loggers with `sessionId`, `jobId`, `workerId`. */
export function createLogger({ format, ...options }: CreateLoggerOptions): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { name: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...options,
  };
  const wanted = format ?? process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (wanted !== 'pretty') return pino(settings);
  // Synchronous, in this thread: a pretty terminal is for one person watching, not for throughput.
  return pino(
    settings,
    pretty({
      colorize: true,
      sync: true,
      singleLine: true,
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss.l',
    }),
  );
}
