import { describe, expect, it } from 'vitest';
import { openingTags, renderMarkup, tagsWith, textOf } from '@/test/support/static-markup';
import { Banner } from './banner';
import { Button } from './button';
import { ErrorState } from './error-state';
import { ProgressBar, progressFraction } from './progress-bar';
import { SkeletonRegion } from './skeleton';
import { Slider } from './slider';

describe('ProgressBar', () => {
  it.each([
    [3, 5, 0.6],
    [7, 5, 1],
    [-1, 5, 0],
    [1, 0, 0],
    [Number.NaN, 5, 0],
  ])('progressFraction(%j, %j) is %j', (value, max, expected) => {
    expect(progressFraction(value, max)).toBe(expected);
  });

  it('is a progressbar with its value and words', () => {
    const html = renderMarkup(
      <ProgressBar label="Pods with a sidecar" value={3} max={5} valueText="3 of 5 pods" />,
    );
    const bar = tagsWith(html, 'role', 'progressbar')[0]!.attributes;
    expect(bar).toMatchObject({
      'aria-valuenow': '3',
      'aria-valuemax': '5',
      'aria-valuetext': '3 of 5 pods',
    });
    expect(html).toContain(`id="${bar['aria-labelledby']}"`);
    const percent = renderMarkup(<ProgressBar label="Steps" value={1} max={4} />);
    expect(tagsWith(percent, 'role', 'progressbar')[0]?.attributes['aria-valuetext']).toBe('25%');
    const unknown = renderMarkup(<ProgressBar label="Steps" value={null} />);
    expect(
      tagsWith(unknown, 'role', 'progressbar')[0]?.attributes['aria-valuenow'],
    ).toBeUndefined();
  });
});

describe('small parts', () => {
  it('a loading button is disabled and busy; a plain one never submits by accident', () => {
    const loading = openingTags(renderMarkup(<Button loading>Save</Button>), 'button')[0]!
      .attributes;
    expect(loading).toMatchObject({ disabled: '', 'aria-busy': 'true', type: 'button' });
    const plain = openingTags(renderMarkup(<Button variant="danger">Delete</Button>), 'button')[0]!;
    expect(plain.attributes.disabled).toBeUndefined();
    expect(plain.attributes.class).toContain('bg-red-700');
  });

  it('an error banner is an alert, the others are status; error state offers Retry', () => {
    expect(
      tagsWith(
        renderMarkup(<Banner tone="error" title="API server unreachable" />),
        'role',
        'alert',
      ),
    ).toHaveLength(1);
    expect(
      tagsWith(renderMarkup(<Banner tone="warning" title="Read only" />), 'role', 'status'),
    ).toHaveLength(1);
    const error = renderMarkup(<ErrorState message="forbidden" onRetry={() => {}} />, 'zh-CN');
    expect(textOf(error)).toBe('出错了 forbidden 重试');
    expect(textOf(renderMarkup(<ErrorState message="forbidden" />))).toBe(
      'Something went wrong forbidden',
    );
  });

  it('a slider thumb is named by its label and reads its value text', () => {
    const html = renderMarkup(
      <Slider
        label="Traffic to v2"
        value={20}
        onValueChange={() => {}}
        valueText={(v) => `${v} %`}
      />,
    );
    const thumb = tagsWith(html, 'role', 'slider')[0]!.attributes;
    expect(thumb['aria-valuetext']).toBe('20 %');
    expect(html).toContain(
      `<span id="${thumb['aria-labelledby']}" class="font-medium text-slate-800">Traffic to v2</span>`,
    );
  });

  it('a skeleton region is a busy status that says it is loading', () => {
    const html = renderMarkup(<SkeletonRegion>x</SkeletonRegion>, 'zh-CN');
    expect(tagsWith(html, 'role', 'status')[0]?.attributes['aria-busy']).toBe('true');
    expect(textOf(html)).toContain('加载中…');
  });
});
