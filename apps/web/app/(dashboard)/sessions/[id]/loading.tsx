import { SessionDetailSkeleton } from './_components/session-detail';

export default function SessionLoading() {
  return <SessionDetailSkeleton />;
}
