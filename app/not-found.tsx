import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        There is nothing at this address.{' '}
        <Link className="text-emerald-700 underline" href="/">
          Open the console
        </Link>
        .
      </p>
    </main>
  );
}
