import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';

export default function AuthNotFound() {
  return (
    <AuthCard
      title="Page not found"
      description="There is nothing at this address."
      footer={
        <Link href="/sign-in" className="text-foreground underline-offset-4 hover:underline">
          Sign in
        </Link>
      }
    />
  );
}
