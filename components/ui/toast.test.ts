import { describe, expect, it } from 'vitest';
import { enqueueToast, toToastMessage, toastLimit, type ToastMessage } from './toast';

const toast = (id: number, title = `toast ${id}`, tone: ToastMessage['tone'] = 'info') =>
  toToastMessage({ title, tone }, id);

describe('toast queue', () => {
  it('gives errors longer to read and defaults to info', () => {
    expect(toToastMessage({ title: 'Saved' }, 1)).toEqual({
      id: 1,
      title: 'Saved',
      description: undefined,
      tone: 'info',
      duration: 5000,
    });
    expect(toToastMessage({ title: 'Failed', tone: 'error' }, 2).duration).toBe(10_000);
    expect(toToastMessage({ title: 'Quick', duration: 800 }, 3).duration).toBe(800);
  });

  it('keeps the newest toasts up to the limit', () => {
    let queue: ToastMessage[] = [];
    for (let id = 1; id <= toastLimit + 2; id++) queue = enqueueToast(queue, toast(id));
    expect(queue.map(({ id }) => id)).toEqual([3, 4, 5]);
  });

  it('replaces the same message instead of stacking it, and keeps different tones apart', () => {
    let queue = enqueueToast([], toast(1, 'API server unreachable', 'error'));
    queue = enqueueToast(queue, toast(2, 'Saved', 'success'));
    queue = enqueueToast(queue, toast(3, 'API server unreachable', 'error'));
    queue = enqueueToast(queue, toast(4, 'API server unreachable', 'info'));
    expect(queue.map(({ id }) => id)).toEqual([2, 3, 4]);
  });
});
