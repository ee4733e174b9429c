'use client';

import type { MemberRole, OrganizationSettings, updateOrganizationSchema } from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  cancelInvitation,
  inviteMember,
  listInvitations,
  listMembers,
  listOrganizations,
  removeMember,
  setActiveOrganization,
  updateMemberRole,
} from './auth-client';
import { apiFetch } from './client';
import { accountKeys, organizationKeys } from './query-keys';

export type UpdateOrganizationInput = z.input<typeof updateOrganizationSchema>;

/** The organization the session acts for: plan, effective quotas and target policy (every role reads). */
export function useOrganizationSettings() {
  return useQuery({
    queryKey: organizationKeys.settings(),
    queryFn: ({ signal }) => apiFetch<OrganizationSettings>('/organization', { signal }),
  });
}

/** Name and target policy (ADMIN). The name also shows in the header, which comes from /me. */
export function useUpdateOrganizationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationInput) =>
      apiFetch<OrganizationSettings>('/organization', { method: 'PATCH', body }),
    onSuccess: (settings, body) => {
      queryClient.setQueryData(organizationKeys.settings(), settings);
      if (body.name !== undefined) void queryClient.invalidateQueries({ queryKey: accountKeys.me });
    },
  });
}

/** The organizations the signed-in user belongs to (the switcher); `enabled` defers the call. */
export function useOrganizations(enabled = true) {
  return useQuery({ queryKey: organizationKeys.all, queryFn: listOrganizations, enabled });
}

/**
 * Switches the organization the session acts for. Everything cached belongs to the old one and
 * the socket joined its rooms at connect time, so the page is loaded afresh.
 */
export function useSetActiveOrganization() {
  return useMutation({
    mutationFn: setActiveOrganization,
    onSuccess: () => window.location.reload(),
  });
}

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: organizationKeys.members(organizationId),
    queryFn: () => listMembers(organizationId),
  });
}

/** Pending invitations only: accepted, rejected and canceled ones stay in the table but are history. */
export function useInvitations(organizationId: string) {
  return useQuery({
    queryKey: organizationKeys.invitations(organizationId),
    queryFn: async () =>
      (await listInvitations(organizationId)).filter(
        (invitation) => invitation.status === 'pending' && Date.parse(invitation.expiresAt) > Date.now(),
      ),
  });
}

export function useUpdateMemberRole(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: MemberRole }) =>
      updateMemberRole({ memberId, role, organizationId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.members(organizationId) }),
  });
}

export function useRemoveMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => removeMember({ memberIdOrEmail: memberId, organizationId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.members(organizationId) }),
  });
}

export function useInviteMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, role }: { email: string; role: MemberRole }) =>
      inviteMember({ email, role, organizationId }),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: organizationKeys.invitations(organizationId) }),
  });
}

export function useCancelInvitation(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelInvitation,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: organizationKeys.invitations(organizationId) }),
  });
}
