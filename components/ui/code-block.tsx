'use client';

import { CopyButton } from './copy-button';

export interface CodeBlockProps {
  code: string;
  /** What the code is ("Command", "kubeconfig"): the block's accessible name and the copy's. */
  label: string;
  /** Shows the label above the code. */
  showLabel?: boolean;
}

/**
 * A command or a short snippet the user will paste elsewhere (`kubectl apply -f ...`, a
 * generated password shown once), with a copy button. For a whole object, use YamlView.
 */
export function CodeBlock({ code, label, showLabel = false }: CodeBlockProps) {
  return (
    <figure className="overflow-hidden rounded-md border border-slate-700 bg-slate-900 text-slate-100">
      <div className="flex items-center justify-between gap-2 border-b border-slate-700 px-3 py-1.5">
        <figcaption className={showLabel ? 'text-xs text-slate-300' : 'sr-only'}>
          {label}
        </figcaption>
        <CopyButton text={code} what={label} variant="inverse" />
      </div>
      <pre
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto px-3 py-2.5 font-mono text-sm leading-relaxed focus-visible:outline-2 focus-visible:outline-emerald-500"
      >
        <code>{code}</code>
      </pre>
    </figure>
  );
}
