'use client';

import { ChevronDown, KeyRound, LogOut, UserRound, Users } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { DisplaySettingsItems } from '@/components/layout/display-settings';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useCan, useUserSession } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { signOutAndLeave } from './sign-out';

function initials(name: string, email: string): string {
  const words = (name || email).trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}

/** The signed-in person: their pages, language and theme, and sign out. */
export function UserMenu() {
  const t = useTranslations('userMenu');
  const roles = useTranslations('roles');
  const { user, role } = useUserSession();
  const isAdmin = useCan('admin');
  if (!user) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-2 px-1.5" data-testid="user-menu" aria-label={t('label')}>
          <span
            aria-hidden
            className="flex size-6 items-center justify-center rounded-full bg-primary text-[10px] font-semibold text-primary-foreground"
          >
            {initials(user.name, user.email)}
          </span>
          <span className="hidden max-w-48 truncate text-sm sm:inline" data-testid="current-user">
            {user.name || user.email}
          </span>
          <ChevronDown className="size-3.5 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="truncate">{user.name}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
          {role ? (
            <span className="text-xs font-normal text-muted-foreground">
              {t('role', { role: roles(role) })}
            </span>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DisplaySettingsItems save />
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserRound />
            {t('profile')}
          </Link>
        </DropdownMenuItem>
        {isAdmin ? (
          <>
            <DropdownMenuItem asChild>
              <Link href="/settings/api-keys">
                <KeyRound />
                {t('apiKeys')}
              </Link>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <Link href="/settings/members">
                <Users />
                {t('members')}
              </Link>
            </DropdownMenuItem>
          </>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          data-testid="sign-out"
          onSelect={() =>
            void signOutAndLeave().catch((error) =>
              toast.error(t('signOutFailed'), { description: errorMessage(error) }),
            )
          }
        >
          <LogOut />
          {t('signOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
