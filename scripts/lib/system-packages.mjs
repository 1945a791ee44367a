import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** True when the current process may run apt-get itself (CI runs as root on a clean machine). */
export const isRoot = process.getuid?.() === 0;

/** First executable among `candidates`, else the first on PATH named `command`; undefined if none. */
function findExecutable(candidates, command) {
  const onPath = command
    ? (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command))
    : [];
  for (const file of [...candidates, ...onPath]) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there or not executable: try the next one
    }
  }
  return undefined;
}

/**
 * The Debian packages the test suite needs, and how each one is found. `CHROMIUM_PATH` wins when
 * set: a developer may point at another Chromium, and then apt is not needed for it.
 */
export const systemPackages = [
  {
    name: 'chromium',
    why: 'the end-to-end tests drive it with Playwright',
    locate: () =>
      process.env.CHROMIUM_PATH
        ? findExecutable([process.env.CHROMIUM_PATH])
        : findExecutable(['/usr/bin/chromium'], 'chromium'),
    // apt cannot repair a CHROMIUM_PATH that points nowhere: say so instead of installing.
    overrideError: () =>
      process.env.CHROMIUM_PATH && !findExecutable([process.env.CHROMIUM_PATH])
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file: fix it or unset it to use /usr/bin/chromium`
        : undefined,
    hint: 'or set CHROMIUM_PATH to a Chromium binary',
  },
  {
    name: 'prometheus',
    why: 'integration tests compare the sandbox query API with a real Prometheus',
    locate: () => findExecutable(['/usr/bin/prometheus'], 'prometheus'),
    overrideError: () => undefined,
    hint: '',
  },
  {
    name: 'fonts-wqy-microhei',
    why: 'Chromium draws the console in Simplified Chinese with it (without a CJK font, empty boxes)',
    locate: () => findFile(['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc']),
    overrideError: () => undefined,
    hint: '',
  },
];

/** First readable file among `candidates`; undefined if none. */
function findFile(candidates) {
  for (const file of candidates) {
    try {
      accessSync(file, constants.R_OK);
      return file;
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

/** Path of the Chromium the e2e tests launch (undefined when there is none yet). */
export function locateChromium() {
  return systemPackages.find((pkg) => pkg.name === 'chromium').locate();
}
