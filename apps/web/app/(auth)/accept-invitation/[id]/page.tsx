import { pageMetadata } from '@/i18n/metadata';
import { AcceptInvitation } from './_components/accept-invitation';

export const generateMetadata = pageMetadata('acceptInvitation');

/** Where invitation mails link: sign in (or sign up) first, then accept. */
export default async function AcceptInvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AcceptInvitation id={id} />;
}
