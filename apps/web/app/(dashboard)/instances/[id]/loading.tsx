import { InstanceDetailSkeleton } from './_components/instance-detail';

export default function InstanceLoading() {
  return <InstanceDetailSkeleton />;
}
