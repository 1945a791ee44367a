import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { UiGallery, type GalleryOpen } from './ui-gallery';

const openable: ReadonlyArray<GalleryOpen> = ['dialog', 'confirm', 'toast'];

/**
 * Every interface part of components/ui in its states, for looking at them in a browser and
 * running axe over them while they are built. Development only: production answers 404.
 * `?open=dialog|confirm|toast` opens one overlay on load, for screenshots.
 */
export default async function UiGalleryPage({
  searchParams,
}: {
  searchParams: Promise<{ open?: string }>;
}) {
  if (process.env.NODE_ENV === 'production') notFound();
  const { open } = await searchParams;
  return (
    <Suspense>
      <UiGallery open={openable.find((name) => name === open)} />
    </Suspense>
  );
}
