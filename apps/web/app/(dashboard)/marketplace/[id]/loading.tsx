import { MarketplaceScriptSkeleton } from './_components/marketplace-script';

export default function MarketplaceScriptLoading() {
  return <MarketplaceScriptSkeleton />;
}
