import { redirect } from 'next/navigation';

/** The console opens on the projects the person may see (sign-in first, when needed). */
export default function Home() {
  redirect('/projects');
}
