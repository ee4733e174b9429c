import { pageMetadata } from '@/i18n/metadata';
import { SetupView } from './_components/setup-view';

export const generateMetadata = pageMetadata('setup');

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/setup?token=…`: the link `fleetwright start` prints while no account exists. */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return <SetupView token={typeof token === 'string' && token !== '' ? token : null} />;
}
