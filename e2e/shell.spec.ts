import { expect, test } from '@playwright/test';
import { ConsoleShell, type ShellTexts } from './pages/console-shell';
import { signedInAs } from './support/signed-in';

// The console's pages are for signed-in people; project-regular is an operator of demo-project.
test.use(signedInAs('project-regular'));

const project = '/projects/demo-project';

const english: ShellTexts = {
  navigation: 'Console sections',
  language: 'Language',
  sections: [
    { link: 'Grayscale Release', heading: 'Grayscale Release', path: `${project}/grayscale` },
    { link: 'Traffic Topology', heading: 'Traffic Topology', path: `${project}/topology` },
    { link: 'Tracing', heading: 'Tracing', path: `${project}/tracing` },
  ],
};

const chinese: ShellTexts = {
  navigation: '控制台导航',
  language: '语言',
  sections: [
    { link: '灰度发布', heading: '灰度发布', path: `${project}/grayscale` },
    { link: '流量拓扑', heading: '流量拓扑', path: `${project}/topology` },
    { link: '链路追踪', heading: '链路追踪', path: `${project}/tracing` },
  ],
};

const [grayscale, topology, tracing] = english.sections as [
  ShellTexts['sections'][number],
  ShellTexts['sections'][number],
  ShellTexts['sections'][number],
];

test("a project's grayscale release page and its navigation reach every section, accessibly", async ({
  page,
}) => {
  const shell = new ConsoleShell(page);
  await shell.open(grayscale.path);
  await shell.expectSection(english, grayscale);
  await shell.expectAccessible();

  for (const section of [topology, tracing, grayscale]) {
    await shell.openSection(english, section);
    await shell.expectAccessible();
  }
});

test('the language switch turns the console into Simplified Chinese and the choice survives a reload', async ({
  page,
}) => {
  const shell = new ConsoleShell(page);
  await shell.open(grayscale.path);
  await expect(shell.languageSwitch(english)).toHaveValue('en');

  await shell.chooseLanguage(english, '简体中文');
  await shell.expectSection(chinese, chinese.sections[0]!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await shell.expectSection(chinese, chinese.sections[0]!);
  await expect(shell.languageSwitch(chinese)).toHaveValue('zh-CN');
  for (const section of chinese.sections.slice(1)) {
    await shell.openSection(chinese, section);
    await shell.expectAccessible();
  }

  await shell.chooseLanguage(chinese, 'English');
  await shell.expectSection(english, tracing);
  await page.reload();
  await shell.expectSection(english, tracing);
});
