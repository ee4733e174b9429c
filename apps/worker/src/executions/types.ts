import type { FlowRunContext } from '../flows/types.ts';

/**
 * A saved script's source for an organization (issue 11, slice A's scripts and versions): the
 * execution runner is given one, so it never reads another feature's tables itself.
 */
export type LoadScript = (
  organizationId: string,
  ref: Parameters<FlowRunContext['loadScript']>[0],
) => ReturnType<FlowRunContext['loadScript']>;

/** The organization's secrets, opened (issue 11, slice B's organization secrets). */
export type LoadSecrets = (organizationId: string) => Promise<Record<string, string>>;

/** Why an execution's run was cut short. */
export type AbortReason = 'cancel' | 'timeout';
