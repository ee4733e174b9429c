import { OrganizationSwitcher } from '@/components/accounts/organization-switcher';
import { UserMenu } from '@/components/accounts/user-menu';
import { MobileNav } from './mobile-nav';

/** Above every dashboard page: the menu button (small screens), which organization, and who. */
export function AppHeader() {
  return (
    <header className="sticky top-0 z-10 flex h-12 items-center justify-between gap-2 border-b bg-background/95 px-2 backdrop-blur sm:px-4">
      <div className="flex min-w-0 items-center gap-1">
        <MobileNav />
        <OrganizationSwitcher />
      </div>
      <UserMenu />
    </header>
  );
}
