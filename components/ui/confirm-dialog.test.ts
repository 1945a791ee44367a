import { describe, expect, it } from 'vitest';
import { failureMessage, runConfirmedAction, type ConfirmState } from './confirm-dialog';

describe('runConfirmedAction', () => {
  it('is busy while the action runs, then closes', async () => {
    const states: ConfirmState[] = [];
    let release!: () => void;
    const pending = runConfirmedAction(
      () => new Promise<void>((resolve) => (release = resolve)),
      (state) => states.push(state),
    );
    expect(states).toEqual([{ status: 'busy' }]);
    release();
    expect(await pending).toBe('closed');
    expect(states).toEqual([{ status: 'busy' }, { status: 'idle' }]);
  });

  it.each([
    ['a rejected promise', () => Promise.reject(new Error('the job is already offline'))],
    [
      'a synchronous throw',
      () => {
        throw new Error('the job is already offline');
      },
    ],
  ])('keeps the dialog open with the message of %s', async (_, action) => {
    const states: ConfirmState[] = [];
    expect(await runConfirmedAction(action, (state) => states.push(state))).toBe('failed');
    expect(states.at(-1)).toEqual({ status: 'failed', message: 'the job is already offline' });
  });
});

describe('failureMessage', () => {
  it.each([
    [new Error('forbidden'), 'forbidden'],
    [new Error(''), 'Error'],
    ['conflict', 'conflict'],
    [404, '404'],
    [undefined, 'undefined'],
  ])('of %j is %j', (error, message) => {
    expect(failureMessage(error)).toBe(message);
  });
});
