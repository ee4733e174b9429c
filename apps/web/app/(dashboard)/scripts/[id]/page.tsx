import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { scriptsMetadata } from '../_components/metadata';
import { ScriptEditor } from './_components/script-editor';

export const generateMetadata = scriptsMetadata('editor');

export default async function ScriptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such script, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <ScriptEditor id={id} />;
}
