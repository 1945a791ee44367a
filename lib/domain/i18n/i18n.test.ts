import { describe, expect, it } from 'vitest';
import { catalogs, locales, parseLocale, translate } from './index';

describe('message catalogs', () => {
  const englishKeys = Object.keys(catalogs.en).sort();

  it.each(locales)('%s has exactly the English keys, none empty', (locale) => {
    const catalog = catalogs[locale];
    expect(Object.keys(catalog).sort()).toEqual(englishKeys);
    for (const [key, text] of Object.entries(catalog)) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('translates into Simplified Chinese', () => {
    expect(translate('zh-CN', 'nav.grayscale')).toBe('灰度发布');
    expect(translate('en', 'nav.grayscale')).toBe('Grayscale Release');
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
