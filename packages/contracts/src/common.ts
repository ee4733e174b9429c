import { z } from 'zod';

export const idSchema = z.uuid({ error: 'must be a UUID' });

/** Every error the API answers has this shape; `field` names the offending input when there is one. */
export const errorResponseSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  details: z.unknown().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const idParamsSchema = z.object({ id: idSchema });

export const paginationQuerySchema = z.object({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).default(1),
  /** Rows per page, at most 200. */
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** An absolute http(s) URL, as a page can be navigated to. */
export const httpUrlSchema = z
  .string({ error: 'must be a URL' })
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: 'must be an absolute http:// or https:// URL' },
  );

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, in epoch milliseconds. */
const EARLIEST_STORABLE_TIME = -62_135_596_800_000;
const LATEST_STORABLE_TIME = 253_402_300_799_999;

/**
 * An ISO 8601 date-time with an offset, within the years 0001–9999 once turned to UTC. The format
 * alone allows year 0000, and `9999-12-31T23:59:59-14:00` is already year 10000 in UTC; timestamps
 * reach PostgreSQL as `toISOString()`, which PostgreSQL refuses for both (a 500, not a 400).
 */
export const isoDateSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const time = Date.parse(value);
    return time >= EARLIEST_STORABLE_TIME && time <= LATEST_STORABLE_TIME;
  },
  { error: 'must be between 0001-01-01 and 9999-12-31 (UTC)' },
);

/** ISO 3166-1 alpha-2 in any case (`de`), answered upper-case (`DE`). */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { error: 'must be a two-letter country code (ISO 3166-1 alpha-2) such as DE' })
  .transform((code) => code.toUpperCase());
