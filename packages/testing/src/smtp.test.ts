import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linksIn, startTestSmtp, type TestSmtp } from './smtp.ts';

let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});

afterAll(async () => {
  await smtp.close();
});

function send(mail: { to: string; subject: string; text?: string; html?: string }) {
  const transport = createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: 'Fleetwright <noreply@fleetwright.test>', ...mail });
}

describe('startTestSmtp', () => {
  it('hands each mail to the address it was sent to, whatever the order of the calls', async () => {
    const forAda = smtp.nextMailTo('ada@example.test');
    await send({
      to: 'Ada <ada@example.test>',
      subject: 'Verify your email',
      text: 'Open https://app.example.test/verify?token=abc&next=%2F.\nThanks.',
    });
    await send({
      to: 'grace@example.test',
      subject: 'Reset your password',
      html: '<p><a href="http://127.0.0.1:3000/reset?token=xyz&amp;email=grace">Reset</a></p>',
    });

    const ada = await forAda;
    expect(ada.subject).toBe('Verify your email');
    expect(ada.to).toEqual(['ada@example.test']);
    expect(ada.from).toBe('noreply@fleetwright.test');
    expect(linksIn(ada)).toEqual(['https://app.example.test/verify?token=abc&next=%2F']);

    // Sent before the call: still handed out.
    const grace = await smtp.nextMailTo('Grace@Example.test');
    expect(grace.subject).toBe('Reset your password');
    expect(linksIn(grace)).toContain('http://127.0.0.1:3000/reset?token=xyz&email=grace');
  });

  it('hands a mail out only once per address, so a second call waits for the next one', async () => {
    await send({ to: 'twice@example.test', subject: 'First' });
    expect((await smtp.nextMailTo('twice@example.test')).subject).toBe('First');

    const next = smtp.nextMailTo('twice@example.test');
    await send({ to: 'twice@example.test', subject: 'Second' });
    expect((await next).subject).toBe('Second');
  });

  it('delivers to Bcc recipients, who are not in the To header', async () => {
    const transport = createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'noreply@fleetwright.test',
      to: 'visible@example.test',
      bcc: 'hidden@example.test',
      subject: 'Copy',
    });
    const hidden = await smtp.nextMailTo('hidden@example.test');
    expect(hidden.recipients).toContain('hidden@example.test');
    expect(hidden.to).toEqual(['visible@example.test']);
  });

  it('rejects after the timeout, naming the address and the subjects that did arrive', async () => {
    await send({ to: 'someone@example.test', subject: 'Welcome aboard' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const waiting = smtp.nextMailTo('nobody@example.test');
      const outcome = expect(waiting).rejects.toThrow(
        /No mail to nobody@example\.test within 10000 ms; received so far: .*"Welcome aboard" to someone@example\.test/,
      );
      await vi.advanceTimersByTimeAsync(10_000);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('linksIn', () => {
  it('finds links in the text and the HTML body once each, without trailing punctuation', () => {
    const links = linksIn({
      text: 'Verify at https://a.test/v?t=1. Or (https://a.test/other), not ftp://a.test/x',
      html: `<a href='https://a.test/v?t=1'>same</a> <a href="https://b.test/?a=1&#38;b=2">b</a> <a href="mailto:x@y.z">m</a>`,
    });
    expect(links).toEqual(['https://a.test/v?t=1', 'https://a.test/other', 'https://b.test/?a=1&b=2']);
  });
});
