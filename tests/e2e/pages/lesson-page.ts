/** Page models for the lesson and the child's page, named as a teacher would. */
import { expect, type Locator, type Page } from '@playwright/test';

export type OutcomeName = 'Achieved' | 'Partly' | 'Not yet' | 'Absent';
export type SupportName = 'Independent' | 'Prompted' | 'Supported';

export class LessonPage {
  constructor(readonly page: Page) {}

  /** Two taps from the home screen: the class, then the subject. */
  async start(className: string, subject: string) {
    await this.page
      .getByRole('group', { name: 'Class' })
      .getByRole('button', { name: className })
      .click();
    await this.page
      .getByRole('group', { name: 'Subject' })
      .getByRole('button', { name: subject })
      .click();
    await expect(this.heading()).toHaveText(`${subject} · ${className}`);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  children(): Locator {
    return this.page.getByTestId('lesson-child');
  }

  targets(): Locator {
    return this.page.getByTestId('lesson-target');
  }

  target(targetId: string): Locator {
    return this.page.locator(`[data-testid="lesson-target"][data-target-id="${targetId}"]`);
  }

  async targetIds(): Promise<string[]> {
    return this.targets().evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-target-id') ?? ''),
    );
  }

  async targetText(targetId: string): Promise<string> {
    return (await this.target(targetId).locator('.target-text').innerText()).trim();
  }

  async tick(targetId: string, outcome: OutcomeName) {
    const button = this.target(targetId).getByRole('button', { name: outcome, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  async support(targetId: string, support: SupportName) {
    const button = this.target(targetId).getByRole('button', { name: support, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  noteField(targetId: string): Locator {
    return this.target(targetId).getByLabel('Note (optional)');
  }

  async openNote(targetId: string) {
    await this.target(targetId)
      .getByRole('button', { name: /Add note|Edit note/ })
      .click();
  }

  async note(targetId: string, text: string) {
    await this.openNote(targetId);
    await this.noteField(targetId).fill(text);
    await this.target(targetId).getByRole('button', { name: 'Save note' }).click();
    await expect(this.noteField(targetId)).toBeHidden();
  }

  pressedOutcome(targetId: string): Locator {
    return this.target(targetId).locator('.outcomes [aria-pressed="true"]');
  }

  pressedSupport(targetId: string): Locator {
    return this.target(targetId).locator('.supports [aria-pressed="true"]');
  }

  async end() {
    await this.page.getByRole('button', { name: 'End lesson' }).click();
    await expect(this.page.getByText('Lesson ended')).toBeVisible();
  }
}

export class ChildPage {
  constructor(readonly page: Page) {}

  async open(childName: string) {
    await this.page.getByRole('link', { name: childName }).first().click();
    await expect(this.page.getByRole('heading', { level: 1, name: childName })).toBeVisible();
  }

  historyItems(): Locator {
    return this.page.getByTestId('history-item');
  }
}
