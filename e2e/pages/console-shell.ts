import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Texts of the shell in one language, as a user reads them on screen. */
export interface ShellTexts {
  navigation: string;
  language: string;
  sections: ReadonlyArray<{ link: string; heading: string; path: string }>;
}

/**
 * The console's frame (header, navigation, language switch) as a user sees it: every locator
 * goes through roles and accessible names, so a spec breaks when the page stops being usable
 * with a screen reader, not when a class name changes.
 */
export class ConsoleShell {
  constructor(private readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  navigation(texts: ShellTexts): Locator {
    return this.page.getByRole('navigation', { name: texts.navigation });
  }

  sectionLink(texts: ShellTexts, link: string): Locator {
    return this.navigation(texts).getByRole('link', { name: link, exact: true });
  }

  languageSwitch(texts: ShellTexts): Locator {
    return this.page.getByRole('combobox', { name: texts.language });
  }

  /** Follows a navigation link and waits until its page is the current one. */
  async openSection(texts: ShellTexts, section: ShellTexts['sections'][number]): Promise<void> {
    await this.sectionLink(texts, section.link).click();
    await this.expectSection(texts, section);
  }

  /** The page's heading, address and the navigation's `aria-current` all agree on `section`. */
  async expectSection(texts: ShellTexts, section: ShellTexts['sections'][number]): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`${section.path}$`));
    await expect(this.heading()).toHaveText(section.heading);
    for (const other of texts.sections) {
      const link = this.sectionLink(texts, other.link);
      if (other === section) await expect(link).toHaveAttribute('aria-current', 'page');
      else await expect(link).not.toHaveAttribute('aria-current');
    }
  }

  /** Picks a language by the name the switch shows (`简体中文`), from a page currently in `from`. */
  async chooseLanguage(from: ShellTexts, languageName: string): Promise<void> {
    await this.languageSwitch(from).selectOption({ label: languageName });
  }

  /** Runs axe on the page as it is now; fails listing each rule broken and where. */
  async expectAccessible(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const violations = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
    expect(violations, `accessibility violations on ${this.page.url()}`).toEqual([]);
  }
}
