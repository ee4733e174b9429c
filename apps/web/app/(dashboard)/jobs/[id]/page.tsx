import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { pageMetadata } from '@/i18n/metadata';
import { JobDetail } from './_components/job-detail';

export const generateMetadata = pageMetadata('job');

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such job, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <JobDetail id={id} />;
}
