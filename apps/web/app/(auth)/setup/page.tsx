import type { Metadata } from 'next';
import { SetupView } from './_components/setup-view';

export const metadata: Metadata = { title: 'Set up Fleetwright' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/setup?token=…`: the link `fleetwright start` prints while no account exists. */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return <SetupView token={typeof token === 'string' && token !== '' ? token : null} />;
}
