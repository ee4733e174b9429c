'use client';

import { useState } from 'react';
import type { CreatedApiKey } from '@/lib/api/api-keys';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewApiKey } from './new-api-key';

export function ApiKeysView() {
  // Only in this component's memory: a reload (or leaving the page) and the key is gone for good.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <div className="space-y-4">
      {created ? <NewApiKey apiKey={created} onDismiss={() => setCreated(null)} /> : null}
      <CreateApiKeyForm onCreated={setCreated} />
      <ApiKeysTable />
    </div>
  );
}
