'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from '@/components/i18n/translations';
import { Button } from './button';

/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it (HTTPS or
 * localhost), else a hidden textarea and `document.execCommand('copy')`, which plain-HTTP
 * consoles on a LAN address still allow.
 */
export async function copyText(
  text: string,
  environment: { clipboard?: Pick<Clipboard, 'writeText'>; document?: Document } = {
    clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
    document: typeof document === 'undefined' ? undefined : document,
  },
): Promise<boolean> {
  if (environment.clipboard) {
    try {
      await environment.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, not a secure context): fall through to the old way.
    }
  }
  const doc = environment.document;
  if (!doc) return false;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export interface CopyButtonProps {
  text: string;
  /** What is copied, in a few words ("the command", "the YAML"): names the button and the news. */
  what: string;
  size?: 'sm' | 'md';
  /** `inverse` on a dark surface (a CodeBlock). */
  variant?: 'secondary' | 'ghost' | 'inverse';
}

/**
 * A button that copies `text` and says so: its label turns to "Copied" for two seconds and a
 * status region announces "<what> copied to the clipboard" (or why it could not).
 */
export function CopyButton({ text, what, size = 'sm', variant = 'secondary' }: CopyButtonProps) {
  const t = useTranslations('ui.copy');
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function handleCopy() {
    const copied = await copyText(text);
    setResult(copied ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setResult('idle'), 2000);
  }

  return (
    <>
      <Button
        size={size}
        variant={variant}
        onClick={handleCopy}
        aria-label={t('label', { name: what })}
        icon={<CopyIcon />}
      >
        {result === 'copied' ? t('copied') : t('button')}
      </Button>
      <span role="status" className="sr-only">
        {result === 'copied'
          ? t('announceCopied', { name: what })
          : result === 'failed'
            ? t('failed')
            : ''}
      </span>
    </>
  );
}

function CopyIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      className="size-3.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <rect x="5" y="5" width="9" height="9" rx="1.5" />
      <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" />
    </svg>
  );
}
