import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

/**
 * People who sign in. The tables in this file and user-sessions.ts, members.ts are better-auth's
 * models (user, account, verification, twoFactor), with our names and uuid ids; auth/auth.ts maps them.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  /** Platform administrator (the first account): plans, target policy, the mail outbox. */
  isAdmin: boolean('is_admin').notNull().default(false),
  /** When the acceptable-use notice was accepted, at sign-up. */
  acceptedTermsAt: timestamp('accepted_terms_at', tz),
  /** Dashboard language (`en`, `pt-BR`, `es`); null: the browser's language decides. */
  locale: text('locale'),
  /** Dashboard theme (`light`, `dark`, `system`); null: the device decides. */
  theme: text('theme'),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
});

/** Sign-in methods of a user: `credential` (password hash) or an OAuth/OIDC provider. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull(),
    accountId: text('account_id').notNull(),
    /** scrypt hash (better-auth), for `credential` accounts. */
    password: text('password'),
    /** OAuth tokens, encrypted at rest (better-auth's encryptOAuthTokens). */
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', tz),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', tz),
    scope: text('scope'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (table) => [
    // A user's sign-in methods.
    index('accounts_user_idx').on(table.userId),
    // Sign-in through a provider: its account id.
    uniqueIndex('accounts_provider_account_idx').on(table.providerId, table.accountId),
  ],
);

/** Email verification, password reset and OAuth state tokens. */
export const verifications = pgTable(
  'verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  // Lookup by token identifier.
  (table) => [index('verifications_identifier_idx').on(table.identifier)],
);

/** TOTP secret (encrypted by better-auth) and hashed recovery codes. */
export const twoFactors = pgTable(
  'two_factors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', tz),
  },
  // The challenge: a user's second factor.
  (table) => [index('two_factors_user_idx').on(table.userId)],
);

export type UserRow = typeof users.$inferSelect;
