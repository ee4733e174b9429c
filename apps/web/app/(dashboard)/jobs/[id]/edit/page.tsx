import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { RequirePermission } from '@/components/accounts/require-permission';
import { pageMetadata } from '@/i18n/metadata';
import { EditJob } from '../_components/edit-job';

export const generateMetadata = pageMetadata('editJob');

export default async function EditJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such job, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <RequirePermission permission="write">
        <EditJob id={id} />
      </RequirePermission>
    </div>
  );
}
