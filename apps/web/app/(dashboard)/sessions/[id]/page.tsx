import { idSchema } from '@fleetwright/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SessionDetail } from './_components/session-detail';

export const metadata: Metadata = { title: 'Session' };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such session, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <SessionDetail id={id} />;
}
