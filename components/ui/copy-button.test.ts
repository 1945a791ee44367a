import { describe, expect, it } from 'vitest';
import { copyText } from './copy-button';

/** The part of a document the fallback touches, recording what it did. */
function fakeDocument(execResult: boolean | 'throw') {
  const log: string[] = [];
  const area = {
    value: '',
    style: {} as Record<string, string>,
    setAttribute: (name: string) => log.push(`attr ${name}`),
    select: () => log.push(`select ${area.value}`),
    remove: () => log.push('remove'),
  };
  const doc = {
    createElement: () => area,
    body: { appendChild: () => log.push('append') },
    execCommand: (command: string) => {
      log.push(`exec ${command}`);
      if (execResult === 'throw') throw new Error('not allowed');
      return execResult;
    },
  };
  return { doc: doc as unknown as Document, log };
}

describe('copyText', () => {
  it('uses the Clipboard API when it accepts', async () => {
    const written: string[] = [];
    const clipboard = { writeText: async (text: string) => void written.push(text) };
    expect(await copyText('kubectl get vs', { clipboard })).toBe(true);
    expect(written).toEqual(['kubectl get vs']);
  });

  it('falls back to a selected textarea when the Clipboard API refuses', async () => {
    const clipboard = { writeText: () => Promise.reject(new Error('NotAllowedError')) };
    const { doc, log } = fakeDocument(true);
    expect(await copyText('secret-once', { clipboard, document: doc })).toBe(true);
    expect(log).toEqual(['attr readonly', 'append', 'select secret-once', 'exec copy', 'remove']);
  });

  it.each([
    ['execCommand says no', false as const],
    ['execCommand throws', 'throw' as const],
  ])('reports failure when %s, and removes the textarea', async (_, result) => {
    const { doc, log } = fakeDocument(result);
    expect(await copyText('x', { document: doc })).toBe(false);
    expect(log.at(-1)).toBe('remove');
  });

  it('reports failure with neither a clipboard nor a document', async () => {
    expect(await copyText('x', {})).toBe(false);
  });
});
