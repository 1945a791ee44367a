import { describe, expect, it } from 'vitest';
import { waitFor } from '@/test/support/wait-for';
import { ListeningPortWatch, listeningPortIssue, type PortIssue } from './listening-port-watch';

describe('listeningPortIssue', () => {
  const base = { container: 'details', assignedPort: 41234, declaredPorts: [9080] };
  it.each<[string, number[], PortIssue['reason'] | undefined]>([
    ['nothing yet', [], undefined],
    ['its PORT', [41234], undefined],
    ['its PORT and another', [41234, 9229], undefined],
    ['its containerPort', [9080], 'ListeningOnContainerPort'],
    ['its containerPort and another', [8080, 9080], 'ListeningOnContainerPort'],
    ['another port', [8080], 'NotListeningOnPort'],
  ])('listening on %s', (_, listening, reason) => {
    expect(listeningPortIssue({ ...base, listening })?.reason).toBe(reason);
  });

  it('says where it listens and what to do', () => {
    expect(listeningPortIssue({ ...base, listening: [9080] })?.message).toBe(
      'container details listens on its containerPort 9080, where nothing reaches it; in the sandbox a local process must listen on 127.0.0.1:$PORT (PORT=41234): pass "$(PORT)" in its args or read the PORT variable',
    );
  });
});

describe('ListeningPortWatch', () => {
  it('reports an issue once, then its end once the process listens on PORT', async () => {
    const seen: Array<string | undefined> = [];
    const answers = [[], [9080], [9080], [9080, 41234]];
    let calls = 0;
    const watch = new ListeningPortWatch(
      {
        pid: () => 7,
        assignedPort: 41234,
        declaredPorts: [9080],
        container: 'details',
        periodMs: 1,
        onChange: (issue) => seen.push(issue?.reason),
      },
      async () => answers[Math.min(calls++, answers.length - 1)],
    );
    watch.start();
    await waitFor(() => seen.length === 2, { what: 'issue and its end' });
    expect(seen).toEqual(['ListeningOnContainerPort', undefined]);
    watch.stop();
  });
});
