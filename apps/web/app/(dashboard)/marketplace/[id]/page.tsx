import { idSchema } from '@fleetwright/contracts';
import { notFound } from 'next/navigation';
import { marketplaceMetadata } from '../_components/metadata';
import { MarketplaceScript } from './_components/marketplace-script';

export const generateMetadata = marketplaceMetadata('script');

export default async function MarketplaceScriptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Not a UUID: no such script, and no point asking the API.
  if (!idSchema.safeParse(id).success) notFound();
  return <MarketplaceScript id={id} />;
}
