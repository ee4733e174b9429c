/** What sign-up and setup ask for. */
export interface AccountFields {
  name: string;
  email: string;
  password: string;
  acceptTerms: boolean;
}

/** The server's own minimum (better-auth's minPasswordLength); it checks again. */
export const MIN_PASSWORD_LENGTH = 10;

/** Messages per field, the same rules the server applies, so most mistakes need no round trip. */
export function validateAccountFields(fields: AccountFields): Partial<Record<keyof AccountFields, string>> {
  const errors: Partial<Record<keyof AccountFields, string>> = {};
  if (!fields.name.trim()) errors.name = 'Enter your name.';
  if (!/^[^\s@]+@[^\s@]+$/.test(fields.email.trim())) errors.email = 'Enter an email address.';
  if (fields.password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (!fields.acceptTerms) errors.acceptTerms = 'Accept the acceptable-use notice to create an account.';
  return errors;
}
