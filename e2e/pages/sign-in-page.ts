import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../support/accessibility';

/** Texts of the sign-in form in one language, as a user reads them on screen. */
export interface SignInTexts {
  username: string;
  password: string;
  submit: string;
}

export const englishSignIn: SignInTexts = {
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
};

/**
 * The console's sign-in page as a user sees it: a form with labelled Username and Password
 * fields and a Sign in button. Locators go through roles and labels only (a password field has
 * no ARIA role, so it is found by its label), so a spec breaks when the form stops being usable
 * with a screen reader, not when its markup changes.
 */
export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly texts: SignInTexts = englishSignIn,
  ) {}

  /** Opens `path` (the sign-in page, or a page that sends a signed-out visitor there). */
  async open(path = '/sign-in'): Promise<void> {
    await this.page.goto(path);
    await expect(this.submitButton()).toBeVisible();
  }

  // Not exact: a required field's name ends with "(required)" for screen readers.
  username(): Locator {
    return this.page.getByRole('textbox', { name: this.texts.username });
  }

  password(): Locator {
    return this.page.getByLabel(this.texts.password);
  }

  submitButton(): Locator {
    return this.page.getByRole('button', { name: this.texts.submit, exact: true });
  }

  /** Fills the form and sends it, as a person would, pressing the button. */
  async signIn(username: string, password: string): Promise<void> {
    await this.username().fill(username);
    await this.password().fill(password);
    await this.submitButton().click();
  }

  /**
   * The form's message after a refused sign-in, announced as an alert. Innermost match: the form
   * wraps its error banner, itself an alert, in another alert.
   */
  failure(message: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: message }).last();
  }

  async expectAccessible(): Promise<void> {
    await expectAccessible(this.page);
  }
}
