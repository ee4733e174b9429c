import type { AddressClass } from './classify-address.ts';

/**
 * - `TARGET_NOT_ALLOWED`: the target is, names or resolves to a non-public address.
 * - `TARGET_UNRESOLVABLE`: the host name does not resolve, so the guard cannot vouch for it.
 */
export type TargetRefusedCode = 'TARGET_NOT_ALLOWED' | 'TARGET_UNRESOLVABLE';

export interface TargetRefusedDetails {
  /** Host as Chromium or the HTTP client would use it: lower-case, IPv6 without brackets. */
  host: string;
  /** The non-public address that caused the refusal, when an address was involved. */
  address?: string;
  /** Class of `address`. */
  addressClass?: AddressClass;
}

/** A target URL or host that sessions and webhooks must not reach. The message is meant for users. */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
  readonly code: TargetRefusedCode;
  readonly host: string;
  readonly address: string | undefined;
  readonly addressClass: AddressClass | undefined;

  constructor(
    code: TargetRefusedCode,
    message: string,
    details: TargetRefusedDetails,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.host = details.host;
    this.address = details.address;
    this.addressClass = details.addressClass;
  }
}
