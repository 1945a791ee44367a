/** Title and one-line purpose at the top of a console page. */
export function PageHeader({ title, intro }: { title: string; intro: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{intro}</p>
    </div>
  );
}
