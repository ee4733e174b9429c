import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';

/** SENT through SMTP; OUTBOX: kept for administrators (no SMTP_URL); FAILED: SMTP refused it. */
export const mailStatuses = ['SENT', 'OUTBOX', 'FAILED'] as const;

/** A platform mail as administrators read it in the outbox. */
export const mailSchema = z.object({
  id: idSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(mailStatuses),
  error: z.string().nullable(),
  createdAt: isoDateSchema,
});
export const mailListSchema = z.object({ items: z.array(mailSchema) });
export type Mail = z.infer<typeof mailSchema>;
