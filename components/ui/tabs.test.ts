import { describe, expect, it } from 'vitest';
import { pickTab, withSearchParam } from './tabs';

const tabs = ['overview', 'traffic', 'events', 'yaml'] as const;

describe('tabs in the URL', () => {
  it.each([
    ['events', 'events'],
    ['yaml', 'yaml'],
    [null, 'overview'],
    ['', 'overview'],
    ['Events', 'overview'],
    ['<script>', 'overview'],
  ])('?tab=%j selects %j', (raw, expected) => {
    expect(pickTab(raw, tabs, 'overview')).toBe(expected);
  });

  it.each([
    ['', 'events', '?tab=events'],
    ['?tab=events', 'overview', ''],
    ['q=reviews&tab=yaml', 'traffic', '?q=reviews&tab=traffic'],
    ['q=reviews&tab=yaml', 'overview', '?q=reviews'],
    ['q=a+b', 'events', '?q=a+b&tab=events'],
  ])('%j with tab %j gives %j', (search, tab, expected) => {
    expect(withSearchParam(search, 'tab', tab, 'overview')).toBe(expected);
  });
});
