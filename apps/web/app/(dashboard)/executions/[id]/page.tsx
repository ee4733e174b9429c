import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { pageMetadata } from '@/i18n/metadata';
import { ExecutionDetail } from './_components/execution-detail';

export const generateMetadata = pageMetadata('execution');

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such execution, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <ExecutionDetail id={id} />;
}
