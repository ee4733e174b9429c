import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { pageMetadata } from '@/i18n/metadata';
import { SessionDetail } from './_components/session-detail';

export const generateMetadata = pageMetadata('session');

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such session, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <SessionDetail id={id} />;
}
