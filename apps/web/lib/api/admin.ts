'use client';

import type { mailSchema, OrganizationSettings, updateOrganizationPlanSchema } from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client';
import { accountKeys, adminKeys, organizationKeys } from './query-keys';

// Platform administration: the server answers 403 to anyone whose user is not a platform
// administrator (`/me`'s user.isAdmin), whatever their role in an organization.

export type Mail = z.infer<typeof mailSchema>;
export type UpdateOrganizationPlanInput = z.input<typeof updateOrganizationPlanSchema>;

/** How many recent mails the outbox page shows. */
const MAIL_LIMIT = 100;

export function useAdminOrganizations() {
  return useQuery({
    queryKey: adminKeys.organizations(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: OrganizationSettings[] }>('/admin/organizations', { signal })).items,
  });
}

/** Plan and quota overrides; `quotaOverrides` replaces the whole set (a missing quota = the plan's). */
export function useUpdateOrganizationPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateOrganizationPlanInput & { id: string }) =>
      apiFetch<OrganizationSettings>(`/admin/organizations/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData<OrganizationSettings[]>(adminKeys.organizations(), (current) =>
        current?.map((item) => (item.id === updated.id ? updated : item)),
      );
      // It may be the organization this session acts for: its page and /me show the plan.
      void queryClient.invalidateQueries({ queryKey: organizationKeys.settings() });
      void queryClient.invalidateQueries({ queryKey: accountKeys.me });
    },
  });
}

/** Recent platform mails, newest first; without SMTP_URL they wait here with status OUTBOX. */
export function useMails() {
  return useQuery({
    queryKey: adminKeys.mails(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: Mail[] }>('/admin/mails', { query: { limit: MAIL_LIMIT }, signal })).items,
  });
}
