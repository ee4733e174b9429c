'use client';

import { Building2, ChevronsUpDown, LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useUserSession } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useOrganizations, useSetActiveOrganization } from '@/lib/api/organizations';

/** The organization this session acts for, and the others the person belongs to. */
export function OrganizationSwitcher() {
  const t = useTranslations('organizationSwitcher');
  const { organization } = useUserSession();
  const [open, setOpen] = useState(false);
  // Listed when first opened: most people belong to one organization and never open it.
  const organizations = useOrganizations(open);
  const setActive = useSetActiveOrganization();
  if (!organization) return null;
  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="min-w-0 gap-2 px-2" data-testid="organization-switcher">
          <Building2 className="text-muted-foreground" />
          <span className="max-w-36 truncate font-medium sm:max-w-56">{organization.name}</span>
          {setActive.isPending ? (
            <LoaderCircle className="size-3.5 animate-spin" />
          ) : (
            <ChevronsUpDown className="size-3.5 text-muted-foreground" />
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          {t('organizations')}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {organizations.isPending ? (
          <DropdownMenuItem disabled>
            <LoaderCircle className="animate-spin" />
            {t('loading')}
          </DropdownMenuItem>
        ) : organizations.isError ? (
          <DropdownMenuItem disabled>{errorMessage(organizations.error)}</DropdownMenuItem>
        ) : (
          organizations.data.map((item) => (
            <DropdownMenuCheckboxItem
              key={item.id}
              checked={item.id === organization.id}
              onSelect={() => {
                if (item.id === organization.id) return;
                setActive.mutate(item.id, {
                  onError: (error) => toast.error(t('switchFailed'), { description: errorMessage(error) }),
                });
              }}
            >
              <span className="truncate">{item.name}</span>
            </DropdownMenuCheckboxItem>
          ))
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
