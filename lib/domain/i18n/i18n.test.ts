// The ICU parser is the one next-intl formats with (through intl-messageformat), so a message it
// rejects here would also fail in the console.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogs, locales, parseLocale } from './index';

/** Every message of a nested catalog as [dotted key, text]. */
function flatten(tree: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> =>
    value !== null && typeof value === 'object'
      ? flatten(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const argumentKinds: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** The arguments a message takes, as sorted `name:kind` (plural and select branches included). */
function icuArguments(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      const kind = argumentKinds[element.type];
      if (kind && 'value' in element) found.add(`${element.value}:${kind}`);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

describe('message catalogs', () => {
  const english = new Map(flatten(catalogs.en));

  it.each(locales)('%s has exactly the English keys, each a non-empty string', (locale) => {
    const messages = flatten(catalogs[locale]);
    expect(messages.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of messages) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  it.each(locales)('%s parses as ICU with the English arguments in every message', (locale) => {
    for (const [key, text] of flatten(catalogs[locale])) {
      const reference = english.get(key) as string;
      expect(icuArguments(text as string), `${locale} ${key}`).toEqual(icuArguments(reference));
    }
  });

  it('keys hold no dots, which next-intl reads as nesting', () => {
    for (const locale of locales) {
      for (const [key] of flatten(catalogs[locale])) {
        expect(
          key.split('.').every((part) => part !== '' && !part.includes(' ')),
          key,
        ).toBe(true);
      }
    }
  });

  it('the argument check sees arguments inside plural branches and tags', () => {
    expect(
      icuArguments('{count, plural, one {# row of {table}} other {<b>{n, number}</b>}}'),
    ).toEqual(['b:tag', 'count:plural', 'n:number', 'table:text']);
    expect(icuArguments('Copy {name}')).not.toEqual(icuArguments('复制'));
    // A plural without `other` (all a Chinese plural needs) or unbalanced braces do not parse.
    expect(() => icuArguments('{count, plural, one {# row}}')).toThrow();
    expect(() => icuArguments('Copy {name')).toThrow();
  });

  it('speaks KubeSphere Chinese in the shell', () => {
    expect(catalogs['zh-CN'].shell.nav.grayscale).toBe('灰度发布');
    expect(catalogs['zh-CN'].shell.nav.topology).toBe('流量拓扑');
    expect(catalogs['zh-CN'].shell.nav.tracing).toBe('链路追踪');
    expect(catalogs['zh-CN'].shell.header.project).toBe('项目');
  });

  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['zh-cn', 'en'],
  ])('parseLocale(%j) is %j', (input, expected) => {
    expect(parseLocale(input)).toBe(expected);
  });
});
