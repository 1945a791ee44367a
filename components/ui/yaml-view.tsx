'use client';

import { useTranslations } from '@/components/i18n/translations';
import { CopyButton } from './copy-button';

export type YamlTokenKind = 'indent' | 'dash' | 'key' | 'colon' | 'value' | 'comment';

export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

const keyLine = /^(\s*)(-\s+)?((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)):(?=\s|$)(.*)$/;
const listLine = /^(\s*)(-(?:\s+|$))(.*)$/;

/** Splits a value from a trailing ` # comment` (a `#` inside quotes is kept in the value). */
function splitComment(rest: string): YamlToken[] {
  let quote: string | null = null;
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(rest[index - 1] ?? ''))) {
      return [
        ...(index > 0 ? [{ kind: 'value' as const, text: rest.slice(0, index) }] : []),
        { kind: 'comment', text: rest.slice(index) },
      ];
    }
  }
  return rest === '' ? [] : [{ kind: 'value', text: rest }];
}

/**
 * One YAML line as coloured tokens: indentation, list dash, key, colon, value, comment. Only
 * for display: the tokens joined give back the line exactly, whatever it holds.
 */
export function yamlLineTokens(line: string): YamlToken[] {
  if (/^\s*#/.test(line)) {
    const indent = line.match(/^\s*/)?.[0] ?? '';
    return [
      ...(indent ? [{ kind: 'indent' as const, text: indent }] : []),
      { kind: 'comment', text: line.slice(indent.length) },
    ];
  }
  const keyed = keyLine.exec(line);
  if (keyed) {
    const [, indent = '', dash, key = '', rest = ''] = keyed;
    return [
      ...(indent ? [{ kind: 'indent' as const, text: indent }] : []),
      ...(dash ? [{ kind: 'dash' as const, text: dash }] : []),
      { kind: 'key', text: key },
      { kind: 'colon', text: ':' },
      ...splitComment(rest),
    ];
  }
  const listed = listLine.exec(line);
  if (listed) {
    const [, indent = '', dash = '', rest = ''] = listed;
    return [
      ...(indent ? [{ kind: 'indent' as const, text: indent }] : []),
      { kind: 'dash', text: dash },
      ...splitComment(rest),
    ];
  }
  const indent = line.match(/^\s*/)?.[0] ?? '';
  return [
    ...(indent ? [{ kind: 'indent' as const, text: indent }] : []),
    ...splitComment(line.slice(indent.length)),
  ];
}

/** The lines of a document, without the empty line a final newline would add. */
export function yamlLines(yaml: string): string[] {
  const lines = yaml.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const tokenClass: Record<YamlTokenKind, string> = {
  indent: '',
  dash: 'text-slate-500',
  key: 'text-emerald-800',
  colon: 'text-slate-500',
  value: 'text-slate-900',
  comment: 'text-slate-500 italic',
};

export interface YamlViewProps {
  yaml: string;
  /** What the document is ("VirtualService reviews"): names the region and the copy button. */
  label: string;
  /** Height after which the view scrolls, in pixels. */
  maxHeight?: number;
}

/**
 * A read-only Kubernetes object or a preview of what will be applied: monospace, line
 * numbers (not selected or copied with the text), light colouring of keys, and a copy button.
 */
export function YamlView({ yaml, label, maxHeight = 480 }: YamlViewProps) {
  const t = useTranslations('ui.yaml');
  const lines = yamlLines(yaml);
  return (
    <div className="overflow-hidden rounded-md border border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-600">
        <span>
          {t('label')} · {t('lines', { count: lines.length })}
        </span>
        <CopyButton text={yaml} what={label} variant="ghost" />
      </div>
      <div
        tabIndex={0}
        role="region"
        aria-label={label}
        className="overflow-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-emerald-600"
        style={{ maxHeight }}
      >
        <pre className="grid grid-cols-[auto_1fr] font-mono text-[13px] leading-5">
          {lines.map((line, index) => (
            <YamlLine key={index} number={index + 1} line={line} />
          ))}
        </pre>
      </div>
    </div>
  );
}

function YamlLine({ number, line }: { number: number; line: string }) {
  return (
    <>
      <span
        aria-hidden="true"
        className="border-r border-slate-200 bg-slate-50 px-3 text-right text-slate-500 select-none"
      >
        {number}
      </span>
      <code className="px-3 whitespace-pre">
        {yamlLineTokens(line).map((token, index) => (
          <span key={index} className={tokenClass[token.kind]}>
            {token.text}
          </span>
        ))}
        {'\n'}
      </code>
    </>
  );
}
