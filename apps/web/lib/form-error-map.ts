import type { z } from 'zod';
import { validationMessage } from './validation-messages';

/**
 * Plain-language messages for zod's generic issues; the contracts' own messages (URL, locale,
 * proxy, tags, …) take precedence over these.
 */
export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? validationMessage('number') : undefined;
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1
          ? validationMessage('required')
          : validationMessage('tooShort', { minimum: Number(issue.minimum) });
      if (issue.origin === 'number') return validationMessage('tooSmall', { minimum: Number(issue.minimum) });
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return validationMessage('tooLong', { maximum: Number(issue.maximum) });
      if (issue.origin === 'number') return validationMessage('tooBig', { maximum: Number(issue.maximum) });
      if (issue.origin === 'array') return validationMessage('tooMany', { maximum: Number(issue.maximum) });
      return undefined;
    case 'invalid_format':
      return issue.format === 'datetime' ? validationMessage('dateTime') : undefined;
    case 'unrecognized_keys':
      return validationMessage('unknownField', { keys: issue.keys.join(', ') });
    default:
      return undefined;
  }
};
