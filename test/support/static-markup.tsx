import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { catalogs, consoleTimeZone, type Locale } from '@/lib/domain/i18n';

/**
 * Server-renders a component inside the console's message provider, as the first HTML a
 * browser receives: enough to check roles and ARIA attributes without a DOM (unit tests run in
 * Node). Radix portals (dialog and menu contents) render nothing here; the browser gallery
 * covers those.
 */
export function renderMarkup(node: ReactNode, locale: Locale = 'en'): string {
  return renderToStaticMarkup(
    <I18nProvider locale={locale} messages={catalogs[locale]} timeZone={consoleTimeZone}>
      {node}
    </I18nProvider>,
  );
}

export interface OpeningTag {
  tag: string;
  attributes: Record<string, string>;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27);/g, (_, name: string) => entities[name] ?? '');
}

/** Every opening tag of `html` (React's markup: attributes always double-quoted), in order. */
export function openingTags(html: string, tag?: string): OpeningTag[] {
  const found: OpeningTag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const name = match[1]!.toLowerCase();
    if (tag && name !== tag) continue;
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g)) {
      attributes[attribute[1]!] = decode(attribute[2] ?? '');
    }
    found.push({ tag: name, attributes });
  }
  return found;
}

/** The opening tags carrying `attribute` (with `value`, when given). */
export function tagsWith(html: string, attribute: string, value?: string): OpeningTag[] {
  return openingTags(html).filter(
    ({ attributes }) =>
      attribute in attributes && (value === undefined || attributes[attribute] === value),
  );
}

/** The text of `html` without its tags, entities decoded, blanks collapsed. */
export function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
