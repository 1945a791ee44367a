import { Skeleton, SkeletonRegion, SkeletonTable } from '@/components/ui/skeleton';

/** The members page's frame while its list and the person's permissions load. */
export default function ProjectMembersLoading() {
  return (
    <SkeletonRegion>
      <div className="mb-6 flex flex-col gap-2">
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-96" />
      </div>
      <SkeletonTable columns={4} />
    </SkeletonRegion>
  );
}
