import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { CreateSessionForm } from './_components/create-session-form';

export const metadata: Metadata = { title: 'New session' };

export default function NewSessionPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link
        href="/sessions"
        className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-3.5" />
        Sessions
      </Link>
      <PageHeader
        title="New session"
        description="An isolated browser with its own cookies and storage. Only name and start URL are required."
      />
      <RequirePermission permission="write">
        <CreateSessionForm />
      </RequirePermission>
    </div>
  );
}
