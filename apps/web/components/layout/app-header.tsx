import { OrganizationSwitcher } from '@/components/accounts/organization-switcher';
import { UserMenu } from '@/components/accounts/user-menu';

/** Above every dashboard page: which organization, and who. */
export function AppHeader() {
  return (
    <header className="sticky top-0 z-10 flex h-12 items-center justify-between gap-3 border-b bg-background/95 px-4 backdrop-blur">
      <OrganizationSwitcher />
      <UserMenu />
    </header>
  );
}
