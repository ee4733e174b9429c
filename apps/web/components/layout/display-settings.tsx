'use client';

import type { Theme } from '@fleetwright/contracts';
import { Languages, Monitor, Moon, Sun } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { isLocale, type Locale, localeNames, locales } from '@/i18n/locales';
import { errorMessage } from '@/lib/api/client';
import { useUpdatePreferences } from '@/lib/api/preferences';
import { useDisplaySettings } from '@/lib/preferences';

const THEME_ICONS = { light: Sun, dark: Moon, system: Monitor } as const;
const THEMES: Theme[] = ['light', 'dark', 'system'];

/**
 * Language and theme choices, as radio groups inside a dropdown menu. `save` also stores the choice
 * for the signed-in user, so the next sign-in on any device starts with it.
 */
export function DisplaySettingsItems({ save }: { save: boolean }) {
  const t = useTranslations('displaySettings');
  const { locale, applyLocale, theme, applyTheme } = useDisplaySettings();
  const update = useUpdatePreferences();
  const remember = (changes: { locale?: Locale; theme?: Theme }) => {
    if (!save) return;
    update.mutate(changes, {
      onError: (error) => toast.error(t('saveFailed'), { description: errorMessage(error) }),
    });
  };
  // onSelect rather than the group's onValueChange: choosing the language already shown (picked
  // by the browser) is a choice too, and is saved for the user's other devices.
  return (
    <>
      <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
        {t('language')}
      </DropdownMenuLabel>
      <DropdownMenuRadioGroup value={locale}>
        {locales.map((option) => (
          <DropdownMenuRadioItem
            key={option}
            value={option}
            lang={option}
            data-testid={`locale-${option}`}
            onSelect={() => {
              remember({ locale: option });
              if (option !== locale) applyLocale(option);
            }}
          >
            {localeNames[option]}
          </DropdownMenuRadioItem>
        ))}
      </DropdownMenuRadioGroup>
      <DropdownMenuSeparator />
      <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
        {t('theme')}
      </DropdownMenuLabel>
      <DropdownMenuRadioGroup value={theme}>
        {THEMES.map((option) => {
          const Icon = THEME_ICONS[option];
          return (
            <DropdownMenuRadioItem
              key={option}
              value={option}
              data-testid={`theme-${option}`}
              onSelect={() => {
                remember({ theme: option });
                applyTheme(option);
              }}
            >
              <Icon />
              {t(`themes.${option}`)}
            </DropdownMenuRadioItem>
          );
        })}
      </DropdownMenuRadioGroup>
    </>
  );
}

/** Before sign-in (auth pages): the same choices, kept in this browser only. */
export function DisplaySettingsMenu() {
  const t = useTranslations('displaySettings');
  const { locale } = useDisplaySettings();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="text-muted-foreground" data-testid="display-settings">
          <Languages />
          {isLocale(locale) ? localeNames[locale] : t('language')}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DisplaySettingsItems save={false} />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
