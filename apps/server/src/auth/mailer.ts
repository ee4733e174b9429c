import type { Config } from '@fleetwright/config';
import { type Database, insertMail } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Sends (or, without SMTP, keeps in the outbox) and records the mail; never throws. */
  send(mail: Mail): Promise<void>;
  /** Closes the SMTP connection pool. */
  close(): void;
}

/**
 * Platform mail. With SMTP_URL, through nodemailer; without, the mail is kept in the `mails` table
 * as OUTBOX (administrators read it in the dashboard) and logged: in the all-in-one mode, the
 * console shows the verification or reset link. Every mail is recorded, sent or not, so a failed
 * delivery is visible (FAILED, with the error) instead of lost.
 */
export function createMailer(options: { config: Config; db: Database; logger: Logger }): Mailer {
  const { config, db, logger } = options;
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  const record = async (mail: Mail, status: 'SENT' | 'OUTBOX' | 'FAILED', error: string | null) => {
    try {
      await insertMail(db, { ...mail, html: mail.html ?? null, status, error });
    } catch (insertError) {
      logger.error({ err: insertError, to: mail.to, subject: mail.subject }, 'could not record a mail');
    }
  };
  return {
    async send(mail) {
      if (!transport) {
        logger.info(
          { to: mail.to, subject: mail.subject, text: mail.text },
          'mail kept in the outbox (no SMTP_URL)',
        );
        await record(mail, 'OUTBOX', null);
        return;
      }
      try {
        await transport.sendMail({ from: config.MAIL_FROM, ...mail });
        await record(mail, 'SENT', null);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ err: error, to: mail.to, subject: mail.subject }, 'mail delivery failed');
        await record(mail, 'FAILED', message);
      }
    },
    close() {
      transport?.close();
    },
  };
}
