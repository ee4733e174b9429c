import { z } from 'zod';

/**
 * The languages of the dashboard itself (not a session's emulated browser locale, which is any
 * BCP 47 tag: sessions.ts).
 */
export const dashboardLocales = ['en', 'pt-BR', 'es'] as const;
export const dashboardLocaleSchema = z.enum(dashboardLocales);
export type DashboardLocale = z.infer<typeof dashboardLocaleSchema>;
export const defaultDashboardLocale: DashboardLocale = 'en';

/** `system` follows the device's light or dark setting. */
export const themes = ['light', 'dark', 'system'] as const;
export const themeSchema = z.enum(themes);
export type Theme = z.infer<typeof themeSchema>;

/** A user's own dashboard settings, the same on every device; null means "not chosen yet". */
export const userPreferencesSchema = z.object({
  locale: dashboardLocaleSchema.nullable().describe('Null: the browser language decides.'),
  theme: themeSchema.nullable().describe('Null: the device decides (same as `system`).'),
});
export type UserPreferences = z.infer<typeof userPreferencesSchema>;

/** PATCH /api/v1/me/preferences: the fields to change; null clears a choice. */
export const updateUserPreferencesSchema = userPreferencesSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one of locale, theme' });
export type UpdateUserPreferences = z.infer<typeof updateUserPreferencesSchema>;
