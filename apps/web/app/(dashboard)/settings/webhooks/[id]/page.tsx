import { idSchema } from '@fleetwright/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { WebhookDetail } from '../_components/webhook-detail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('webhooks'))('detailPageTitle') };
}

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such webhook, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <WebhookDetail id={id} />;
}
