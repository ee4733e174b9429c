'use client';

import type { Profile } from '@fleetwright/contracts';
import { Cookie, Pencil, Trash2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { ListEmpty, ListFrame } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useDeleteProfile, useProfilePage } from '@/lib/api/profiles';
import { useFormat } from '@/lib/hooks/use-format';
import { PROFILE_PAGE_SIZES, profileListUrl } from './list-params';
import { RenameProfileDialog } from './rename-profile-dialog';

/** How many of a profile's sites a row names before "+N more" (the rest are in its title). */
const SHOWN_ORIGINS = 2;

/** A size in B, kB or MB, in the dashboard's language (a profile holds at most 5 MiB). */
function useByteSize() {
  const locale = useLocale();
  return (bytes: number) => {
    const [value, unit] =
      bytes < 1000
        ? [bytes, 'byte']
        : bytes < 1_000_000
          ? [bytes / 1000, 'kilobyte']
          : [bytes / 1e6, 'megabyte'];
    return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  };
}

/**
 * The organization's profiles: what each holds (cookies, size, sites), who saved it and when.
 * Never a cookie's or item's value: the API answers none. Rename and delete need write permission.
 */
export function ProfilesView() {
  const t = useTranslations('profiles.list');
  const format = useFormat();
  const byteSize = useByteSize();
  const canWrite = useCan('write');
  const { params, setParams } = useListParams(profileListUrl);
  const profiles = useProfilePage(params);
  const [renaming, setRenaming] = useState<Profile | null>(null);
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const remove = useDeleteProfile();

  return (
    <>
      <ListFrame
        query={profiles}
        skeleton={<ProfilesTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PROFILE_PAGE_SIZES}
        onPageChange={setParams}
      >
        {profiles.data?.items.length === 0 ? (
          <ListEmpty
            icon={<Cookie />}
            filtered={false}
            noMatch=""
            title={t('emptyTitle')}
            description={t('emptyDescription')}
          />
        ) : (
          <Table data-testid="profiles-table">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t('columns.name')}</TableHead>
                <TableHead>{t('columns.holds')}</TableHead>
                <TableHead className="hidden md:table-cell">{t('columns.origins')}</TableHead>
                <TableHead className="hidden sm:table-cell">{t('columns.author')}</TableHead>
                <TableHead className="hidden sm:table-cell">{t('columns.updated')}</TableHead>
                <TableHead>
                  <span className="sr-only">{t('columns.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {profiles.data?.items.map((profile) => (
                <TableRow key={profile.id} data-testid={`profile-row-${profile.name}`}>
                  <TableCell className="max-w-40 break-words font-medium">{profile.name}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                    {t('holds', { cookies: profile.cookieCount, size: byteSize(profile.sizeBytes) })}
                  </TableCell>
                  <TableCell
                    className="hidden max-w-56 truncate font-mono text-xs text-muted-foreground md:table-cell"
                    title={profile.origins.join('\n')}
                  >
                    {profile.origins.slice(0, SHOWN_ORIGINS).join(', ')}
                    {profile.origins.length > SHOWN_ORIGINS
                      ? ` ${t('moreOrigins', { count: profile.origins.length - SHOWN_ORIGINS })}`
                      : null}
                  </TableCell>
                  <TableCell className="hidden max-w-40 truncate text-xs text-muted-foreground sm:table-cell">
                    {profile.createdBy ?? '—'}
                  </TableCell>
                  <TableCell
                    className="hidden text-xs text-muted-foreground sm:table-cell"
                    title={format.dateTime(profile.updatedAt)}
                  >
                    {format.relativeTime(profile.updatedAt)}
                  </TableCell>
                  <TableCell>
                    {canWrite ? (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7"
                          aria-label={t('rename', { name: profile.name })}
                          title={t('rename', { name: profile.name })}
                          onClick={() => setRenaming(profile)}
                        >
                          <Pencil />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7 text-destructive"
                          aria-label={t('delete', { name: profile.name })}
                          title={t('delete', { name: profile.name })}
                          onClick={() => setDeleting(profile)}
                        >
                          <Trash2 />
                        </Button>
                      </div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </ListFrame>
      <RenameProfileDialog
        open={renaming !== null}
        onOpenChange={(open) => (open ? undefined : setRenaming(null))}
        profile={renaming}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </>
  );
}

export function ProfilesTableSkeleton() {
  return (
    <div className="space-y-2 p-3">
      {Array.from({ length: 4 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have nothing else to key on
        <Skeleton key={index} className="h-8 w-full" />
      ))}
    </div>
  );
}
