'use client';

import { useTranslations } from 'next-intl';

/**
 * Validation messages are made where no translator exists (zod schemas, error maps), so they carry
 * a key instead of words: `§required`, `§tooLong{"maximum":100}`. FieldError translates them where
 * it shows them. Messages of the shared contracts are English sentences; the known ones are
 * translated by their text, anything else (a server message) is shown as it is.
 */
const MARK = '§';

export type ValidationKey =
  | 'required'
  | 'number'
  | 'tooShort'
  | 'tooLong'
  | 'tooSmall'
  | 'tooBig'
  | 'tooMany'
  | 'unknownField'
  | 'requiredWith'
  | 'headerNameRequired'
  | 'headerNameInvalid'
  | 'headerDuplicate'
  | 'dateTime'
  | 'flowInvalid'
  | 'flowStep'
  | 'flowSyntax'
  | 'targetLine'
  | 'inputDuplicate'
  | 'stepField';

export function validationMessage(key: ValidationKey, values?: Record<string, string | number>): string {
  return `${MARK}${key}${values ? JSON.stringify(values) : ''}`;
}

/** The contracts' English messages (packages/contracts/src/sessions.ts, jobs.ts), by their text. */
const CONTRACT_MESSAGES: Record<string, string> = {
  'tags are letters, digits, _ . : - and start alnum': 'tagFormat',
  'must be a BCP 47 locale such as en-US': 'locale',
  'must be an IANA time zone such as Europe/Berlin': 'timezone',
  'must be http://, https://, socks4:// or socks5:// with host and port, e.g. http://user:pass@host:8080':
    'proxyUrl',
  'Chromium cannot authenticate to a SOCKS proxy: use an http:// or https:// proxy for credentials':
    'socksAuth',
  'invalid header name': 'headerNameInvalid',
  'intervalMin must not exceed intervalMax': 'intervalOrder',
  'at most 50 headers': 'tooManyHeaders',
  'must be an absolute http:// or https:// URL': 'url',
  // packages/contracts/src/jobs.ts and common.ts
  'must be a cron expression (minute hour day-of-month month day-of-week)': 'cron',
  'give at least one target URL': 'targetsRequired',
  'must be a name of letters, digits and _': 'inputName',
  'a script job needs scriptId': 'scriptRequired',
  'must be a UUID': 'uuid',
  // packages/contracts/src/flows.ts, shown on the step editor's fields
  'must not be empty': 'required',
  'must be a selector': 'flowSelector',
  'give exactly one of selector, url or ms': 'waitOne',
  'give equals, min or max': 'countBound',
  'give either scriptId (and version) or source': 'evaluateScript',
  'version needs scriptId': 'versionNeedsScript',
  'must be a name of letters, digits and _ (64 at most)': 'variableName',
  'must be a valid regular expression': 'regex',
  'must be a valid regular expression after regex:': 'regexUrl',
  'a flow needs at least one step': 'flowEmpty',
};

export function useValidationMessage(): (message: string) => string {
  const t = useTranslations('validation');
  // A message placed inside another (`§stepField{"message":"§required"}`) is translated too.
  const translateValues = (values: Record<string, string | number>) =>
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        typeof value === 'string' ? translate(value) : value,
      ]),
    );
  const translate = (message: string): string => {
    if (message.startsWith(MARK)) {
      const match = /^§(\w+)(\{.*\})?$/.exec(message);
      if (match)
        return t(match[1] as ValidationKey, match[2] ? translateValues(JSON.parse(match[2])) : undefined);
    }
    const known = CONTRACT_MESSAGES[message];
    return known ? t(known as ValidationKey) : message;
  };
  return translate;
}
