/** Page models: the screens as a teacher or SENCo would name their parts. */
import { expect, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

type Outcome = 'Achieved' | 'Partly' | 'Not yet' | 'Absent';

export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.page.goto('/');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}

export class FocusChildrenPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /focus children/ });
  }

  /** From the main navigation (a TA's home is their sessions, not this list). */
  async open() {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Focus children' })
      .click();
    await expect(this.heading()).toBeVisible();
  }

  children(): Locator {
    return this.page.getByTestId('focus-child');
  }

  targets(): Locator {
    return this.page.getByTestId('target');
  }

  tickStates(): Locator {
    return this.page.getByTestId('tick-state');
  }

  /** Tick the n-th target on screen with an outcome, by its visible button name. */
  async tick(index: number, outcome: Outcome) {
    await this.tickTarget(this.targets().nth(index), outcome);
  }

  /** One focus child's card, by the name on it. */
  child(name: string): Locator {
    return this.children().filter({
      has: this.page.getByRole('heading', { level: 2, name, exact: true }),
    });
  }

  /** Tick the n-th target on one child's card (targets are in the order shown). */
  async tickChild(name: string, index: number, outcome: Outcome) {
    await this.tickTarget(this.child(name).getByTestId('target').nth(index), outcome);
  }

  private async tickTarget(target: Locator, outcome: Outcome) {
    const button = target.getByRole('button', { name: outcome });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  syncStatus(): Locator {
    return this.page.getByRole('status').filter({ hasText: /sync/i }).first();
  }
}

export class TicksPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('link', { name: 'Ticks recorded' }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Ticks recorded' }),
    ).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('tick-row');
  }
}
