import { redirect } from 'next/navigation';
import { defaultProject } from '@/lib/domain/projects';

/** The console opens on the grayscale release page of the default project. */
export default function Home() {
  redirect(`/projects/${defaultProject}/grayscale`);
}
