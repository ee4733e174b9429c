import net from 'node:net';

/**
 * A SOCKS4/4a and SOCKS5 server (CONNECT only) for tests. Hand-written: the SOCKS server packages
 * on npm are unmaintained (socksv5: 2015, v5 only; socks4: v4 only; socks-server-lib: 0.0.x), and
 * the protocol's CONNECT path is a few dozen lines (RFC 1928, RFC 1929, the SOCKS4 and 4a notes).
 */
export interface SocksServerOptions {
  version: 4 | 5;
  /** SOCKS5: username/password required (RFC 1929). SOCKS4: the user id must equal `username`. */
  auth?: { username: string; password: string };
  /** Milliseconds before each CONNECT is carried out. */
  delayMs: number;
  /** Local address of the outgoing connections. */
  exitAddress?: string;
}

/** Reads exact byte counts from a socket that delivers them in arbitrary chunks. */
class ByteReader {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private ended = false;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', this.onData);
    socket.once('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.waiting?.();
  };

  private async fill(enough: () => boolean): Promise<void> {
    while (!enough()) {
      if (this.ended) throw new Error('client closed during the handshake');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
      this.waiting = null;
    }
  }

  async read(count: number): Promise<Buffer> {
    await this.fill(() => this.buffered.length >= count);
    const bytes = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(count);
    return bytes;
  }

  /** Bytes up to a NUL (which is consumed, not returned). */
  async readNulTerminated(): Promise<Buffer> {
    await this.fill(() => this.buffered.includes(0));
    const end = this.buffered.indexOf(0);
    const bytes = this.buffered.subarray(0, end);
    this.buffered = this.buffered.subarray(end + 1);
    return bytes;
  }

  /** Stops reading and hands back what arrived past the handshake. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    return this.buffered;
  }
}

export function serveSocks(client: net.Socket, options: SocksServerOptions): void {
  client.on('error', () => {});
  const reader = new ByteReader(client);
  const handshake = options.version === 5 ? socks5Handshake : socks4Handshake;
  handshake(client, reader, options).catch(() => client.destroy());
}

interface Destination {
  host: string;
  port: number;
}

async function socks5Handshake(client: net.Socket, reader: ByteReader, options: SocksServerOptions) {
  const [version, methodCount] = await reader.read(2);
  if (version !== 5) throw new Error('not SOCKS5');
  const methods = await reader.read(methodCount ?? 0);
  const wanted = options.auth ? 0x02 : 0x00;
  if (!methods.includes(wanted)) {
    client.end(Buffer.from([5, 0xff]));
    return;
  }
  client.write(Buffer.from([5, wanted]));
  if (options.auth) {
    const [, userLength] = await reader.read(2);
    const username = (await reader.read(userLength ?? 0)).toString();
    const [passwordLength] = await reader.read(1);
    const password = (await reader.read(passwordLength ?? 0)).toString();
    const accepted = username === options.auth.username && password === options.auth.password;
    if (!accepted) {
      client.end(Buffer.from([1, 1]));
      return;
    }
    client.write(Buffer.from([1, 0]));
  }
  const [, command, , addressType] = await reader.read(4);
  let host: string;
  if (addressType === 1) host = [...(await reader.read(4))].join('.');
  else if (addressType === 3) host = (await reader.read((await reader.read(1))[0] ?? 0)).toString();
  else if (addressType === 4) host = ipv6Text(await reader.read(16));
  else throw new Error('unknown address type');
  const port = (await reader.read(2)).readUInt16BE(0);
  // Replies: 0 succeeded, 5 connection refused, 7 command not supported (RFC 1928 §6).
  const reply = (code: number) => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
  if (command !== 1) {
    client.end(reply(7));
    return;
  }
  await relay(client, reader, { host, port }, options, {
    granted: reply(0),
    failed: reply(5),
  });
}

async function socks4Handshake(client: net.Socket, reader: ByteReader, options: SocksServerOptions) {
  const header = await reader.read(8);
  if (header[0] !== 4) throw new Error('not SOCKS4');
  const command = header[1];
  const port = header.readUInt16BE(2);
  const ip = [...header.subarray(4, 8)];
  const userId = (await reader.readNulTerminated()).toString();
  // SOCKS4a: 0.0.0.x (x ≠ 0) means "the host name follows the user id".
  const host =
    ip[0] === 0 && ip[1] === 0 && ip[2] === 0 && ip[3] !== 0
      ? (await reader.readNulTerminated()).toString()
      : ip.join('.');
  // Replies: 0x5a granted, 0x5b rejected or failed, 0x5d the user id was not accepted.
  const reply = (code: number) => Buffer.from([0, code, 0, 0, 0, 0, 0, 0]);
  if (options.auth && userId !== options.auth.username) {
    client.end(reply(0x5d));
    return;
  }
  if (command !== 1) {
    client.end(reply(0x5b));
    return;
  }
  await relay(client, reader, { host, port }, options, { granted: reply(0x5a), failed: reply(0x5b) });
}

async function relay(
  client: net.Socket,
  reader: ByteReader,
  destination: Destination,
  options: SocksServerOptions,
  replies: { granted: Buffer; failed: Buffer },
): Promise<void> {
  if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  const upstream = net.connect({ ...destination, localAddress: options.exitAddress });
  upstream.once('connect', () => {
    client.write(replies.granted);
    const early = reader.detach();
    if (early.length > 0) upstream.write(early);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => {
    if (upstream.connecting) client.end(replies.failed);
    else client.destroy();
  });
  client.on('close', () => upstream.destroy());
}

function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':');
}
