import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors';
import { jobVerbUsage, jobVerbs, parseJobArgs, wantsHelp } from './job-args';

describe('aviary job arguments', () => {
  it('parses create with repeated --env, --stable, -n and -o', () => {
    expect(
      parseJobArgs(
        [
          'create',
          'ratings-gate',
          '-n',
          'demo-project',
          '--service',
          'ratings',
          '--version',
          'v2',
          '--image',
          'img:2',
          '--stable',
          'v1',
          '--weight',
          '20',
          '--env',
          'SERVICE_VERSION=v-faulty',
          '--env',
          'A=b=c',
          '-o',
          'json',
        ],
        {},
      ),
    ).toMatchObject({
      verb: 'create',
      name: 'ratings-gate',
      namespace: 'demo-project',
      service: 'ratings',
      version: 'v2',
      stable: 'v1',
      image: 'img:2',
      weight: 20,
      env: [
        { name: 'SERVICE_VERSION', value: 'v-faulty' },
        { name: 'A', value: 'b=c' },
      ],
      output: 'json',
    });
  });

  it('parses create --adopt, which needs no --image', () => {
    expect(
      parseJobArgs(['create', 'rc', '--service', 'reviews', '--version', 'v2', '--adopt'], {}),
    ).toMatchObject({ verb: 'create', service: 'reviews', version: 'v2', adopt: true });
    expect(
      parseJobArgs(['create', 'rc', '--service', 'r', '--version', 'v2', '--image', 'i'], {}),
    ).toMatchObject({ adopt: false, image: 'i' });
  });

  it.each([
    [['frobnicate', 'x'], 'job needs a verb'],
    [['get'], "job get needs the job's NAME"],
    [['create', 'x', '--service', 's', '--version', 'v2'], 'job create needs --image IMAGE'],
    [
      [
        'create',
        'x',
        '--service',
        'reviews',
        '--version',
        'v2',
        '--adopt',
        '--image',
        'i',
        '--replicas',
        '2',
      ],
      '--adopt takes reviews-v2 as it is (Aviary never changes it): --image, --replicas cannot go with it',
    ],
    [['set-weight', 'x', '--weight', '101'], '--weight must be an integer from 0 to 100'],
    [['set-weight', 'x'], 'job set-weight needs --weight'],
    [['offline', 'x'], 'job offline needs --keep VER'],
    [['get', 'x', '-o', 'wide'], '-o must be json or yaml'],
    [['edit', 'x', '--env', 'NOVALUE'], '--env takes KEY=VALUE'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseJobArgs(argv, {})).toThrow(UsageError);
    expect(() => parseJobArgs(argv, {})).toThrow(message);
  });

  it('takes the namespace from AVIARY_NAMESPACE, else default', () => {
    expect(parseJobArgs(['list'], { AVIARY_NAMESPACE: 'team' }).namespace).toBe('team');
    expect(parseJobArgs(['list'], {}).namespace).toBe('default');
  });

  it('asks for help with --help or -h after the verb, whatever else is there', () => {
    expect(wantsHelp(['take-over', '--help'])).toBe(true);
    expect(wantsHelp(['create', 'x', '-n', 'ns', '-h'])).toBe(true);
    expect(wantsHelp(['list'])).toBe(false);
    expect(wantsHelp(['get', 'x'])).toBe(false);
  });

  it('has a usage line for every verb, naming the verb first', () => {
    for (const verb of jobVerbs) expect(jobVerbUsage[verb][0].split(' ')[0]).toBe(verb);
  });
});
