import type { AddressInfo } from 'node:net';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { decodeHtmlEntities } from './html.ts';

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
  /**
   * Envelope recipients (`RCPT TO`), lower-cased: where the message was actually delivered, Bcc included.
   * `nextMailTo` matches on these.
   */
  recipients: string[];
  /** Addresses in the `To` header, lower-cased (Cc and Bcc are not here but are in `recipients`). */
  to: string[];
  /** Address in the `From` header, lower-cased; the envelope sender when the header has none. */
  from: string;
  /** `''` when the message has no subject. */
  subject: string;
  /** Plain-text body; mailparser derives it from the HTML body when the message has no text part. */
  text: string;
  /** HTML body; `''` when the message has none. */
  html: string;
  /** Everything mailparser found (headers, attachments, …). */
  parsed: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it receives. */
export interface TestSmtp {
  host: '127.0.0.1';
  port: number;
  /** Every message received so far, in the order parsing finished. */
  readonly messages: readonly ReceivedMail[];
  /**
   * The first mail to `address` (case-insensitive, envelope recipients) that no earlier `nextMailTo` call
   * for that address has taken, waiting for one if there is none yet. A mail that arrived before the call
   * counts, so a test may send first and ask afterwards; each mail is handed out once per recipient, so
   * two calls for the same address get two different mails. Rejects after `timeoutMs` with an error that
   * names the address and lists what did arrive.
   */
  nextMailTo(address: string, options?: NextMailOptions): Promise<ReceivedMail>;
  /** Rejects the calls still waiting, then stops the server. */
  close(): Promise<void>;
}

export interface NextMailOptions {
  /**
   * How long to wait for the mail, in milliseconds (real timers: fake timers in the test would stop it).
   * @default 10_000
   */
  timeoutMs?: number;
}

interface Waiter {
  address: string;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Starts an SMTP server on 127.0.0.1 on a free port: no TLS (STARTTLS is not offered, so a client must be
 * told `ignoreTLS: true` or `secure: false`), authentication optional and any credentials accepted.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  /** Per message, the recipients for whom `nextMailTo` has already returned it. */
  const taken = new Map<ReceivedMail, Set<string>>();
  let waiters: Waiter[] = [];

  function deliver(mail: ReceivedMail): void {
    messages.push(mail);
    taken.set(mail, new Set());
    for (const recipient of mail.recipients) {
      const waiter = waiters.find((candidate) => candidate.address === recipient);
      if (!waiter) continue;
      waiters = waiters.filter((candidate) => candidate !== waiter);
      clearTimeout(waiter.timer);
      taken.get(mail)?.add(recipient);
      waiter.resolve(mail);
    }
  }

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // Plain-text AUTH is fine on loopback; the server under test may be configured with credentials.
    allowInsecureAuth: true,
    maxAllowedUnauthenticatedCommands: false,
    logger: false,
    // A pooled client may hold a connection open; don't let close() wait the default 30 s for it.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          deliver({
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            to: addressesIn(parsed.to),
            from: addressesIn(parsed.from)[0] ?? envelopeFrom.toLowerCase(),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // Connection-level errors (a client hanging up mid-session) are the client's business, not the test's;
  // without a listener they would crash the test process.
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    messages,
    nextMailTo(address, options = {}) {
      const wanted = address.toLowerCase();
      const available = messages.find(
        (mail) => mail.recipients.includes(wanted) && !taken.get(mail)?.has(wanted),
      );
      if (available) {
        taken.get(available)?.add(wanted);
        return Promise.resolve(available);
      }
      const timeoutMs = options.timeoutMs ?? 10_000;
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter: Waiter = {
          address: wanted,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters = waiters.filter((candidate) => candidate !== waiter);
            reject(new Error(`No mail to ${address} within ${timeoutMs} ms; ${describe(messages)}`));
          }, timeoutMs),
        };
        waiters.push(waiter);
      });
    },
    async close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`The test SMTP server closed while waiting for a mail to ${waiter.address}`));
      }
      waiters = [];
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Every http(s) URL in the text body and every `href` in the HTML body, in order, without duplicates.
 * Trailing sentence punctuation is not part of a URL found in text; HTML entities in `href`s are decoded
 * (`&amp;` between query parameters), so each result can be passed to `fetch` as it is.
 */
export function linksIn(mail: Pick<ReceivedMail, 'text' | 'html'>): string[] {
  const links = new Set<string>();
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"'`]+/g)) {
    links.add(match[0].replace(/[.,;:!?)\]}]+$/, ''));
  }
  for (const match of mail.html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeHtmlEntities(match[1] ?? match[2] ?? '').trim();
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links];
}

function addressesIn(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  // Group members (`undisclosed-recipients:;`) sit one level down.
  return objects
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : []));
}

function describe(messages: readonly ReceivedMail[]): string {
  if (messages.length === 0) return 'no mail has arrived at all';
  const list = messages.map((mail) => `"${mail.subject}" to ${mail.recipients.join(', ')}`).join('; ');
  return `received so far: ${list}`;
}
