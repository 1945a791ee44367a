import { Skeleton, SkeletonRegion, SkeletonTable } from '@/components/ui/skeleton';

/** The accounts page's frame while the accounts load. */
export default function UsersLoading() {
  return (
    <SkeletonRegion>
      <div className="mb-6 flex flex-col gap-2">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-96" />
      </div>
      <SkeletonTable columns={4} />
    </SkeletonRegion>
  );
}
