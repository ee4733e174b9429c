import { signOut } from '@/lib/api/auth-client';

/** Ends this login session and leaves the dashboard with a full navigation (fresh cache and socket). */
export async function signOutAndLeave(): Promise<void> {
  await signOut();
  window.location.assign('/sign-in');
}
