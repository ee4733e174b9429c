import type { JobInputs } from '@fleetwright/contracts';
import { FlowStepFailure } from './step-failure.ts';

/** `{{name}}`, `{{ secrets.NAME }}`, `{{target}}`: spaces inside the braces are allowed. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\}\}/g;
const SECRET_PREFIX = 'secrets.';
const MASK = '***';

/**
 * The values `{{…}}` may name during one run. Extracts (and evaluate results kept with `as`) come
 * before inputs, so a flow can read a value from a page and use it further on under the same name.
 */
export class FlowVariables {
  readonly #target: string;
  readonly #inputs: JobInputs;
  readonly #secrets: Readonly<Record<string, string>>;
  readonly #data: Record<string, unknown>;
  /** Longest first, so a secret that contains another is masked whole. */
  readonly #secretValues: string[];

  constructor(
    target: string,
    inputs: JobInputs,
    secrets: Readonly<Record<string, string>>,
    data: Record<string, unknown>,
  ) {
    this.#target = target;
    this.#inputs = inputs;
    this.#secrets = secrets;
    this.#data = data;
    this.#secretValues = Object.values(secrets)
      .filter((value) => value.length > 0)
      .sort((a, b) => b.length - a.length);
  }

  /** `text` with its variables replaced; an unknown one fails the step (VARIABLE_NOT_FOUND). */
  resolve(text: string): string {
    // Most strings hold no variable: no regex work for them.
    if (!text.includes('{{')) return text;
    return text.replace(VARIABLE, (_, name: string) => this.#valueOf(name));
  }

  #valueOf(name: string): string {
    if (name === 'target') return this.#target;
    if (name.startsWith(SECRET_PREFIX)) {
      const secret = this.#secrets[name.slice(SECRET_PREFIX.length)];
      if (secret === undefined)
        throw new FlowStepFailure(
          'VARIABLE_NOT_FOUND',
          `No secret named ${name.slice(SECRET_PREFIX.length)}.`,
        );
      return secret;
    }
    if (Object.hasOwn(this.#data, name)) return asText(this.#data[name]);
    if (Object.hasOwn(this.#inputs, name)) {
      const input = this.#inputs[name];
      // A file input stands for its name in text; its bytes go to `upload` steps only.
      return typeof input === 'object' && input !== null ? input.file.name : String(input);
    }
    throw new FlowStepFailure('VARIABLE_NOT_FOUND', `No extract, input or variable named ${name}.`);
  }

  /** `text` with every secret value replaced by `***`: for messages and values that leave the run. */
  mask(text: string): string {
    let masked = text;
    for (const secret of this.#secretValues) {
      if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
    }
    return masked;
  }

  /** `value` (JSON) with every secret in its strings masked; values without secrets come back as they are. */
  maskValue(value: unknown): unknown {
    if (this.#secretValues.length === 0) return value;
    if (typeof value === 'string') return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.maskValue(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.mask(key), this.maskValue(item)]),
      );
    }
    return value;
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
