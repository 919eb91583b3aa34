/** Page models for the SENCo's reports, named as a SENCo would name their parts. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(report: 'This week' | 'Provision map' | 'Impact' | 'Gaps' | 'Import' | 'Export') {
    if (!(await this.page.getByRole('navigation', { name: 'Reports' }).isVisible())) {
      await this.page.getByRole('link', { name: 'Reports' }).click();
    }
    await this.page
      .getByRole('navigation', { name: 'Reports' })
      .getByRole('link', { name: report })
      .click();
  }

  stat(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  groupRow(name: string): Locator {
    return this.page.getByTestId('group-row').filter({ hasText: name });
  }

  minutesRows(): Locator {
    return this.page.getByTestId('minutes-row');
  }

  impactRow(name: string): Locator {
    return this.page.getByTestId('impact-row').filter({ hasText: name }).first();
  }

  /** Click a button that downloads a file and return the file's text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [file]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      button.click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
  }

  async setRange(from: string, to: string) {
    await this.page.getByLabel('From').fill(from);
    await this.page.getByLabel('To').fill(to);
  }

  async expectHeading(name: string | RegExp) {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
}
