/** Page models for the SENCo's intervention groups, named as a SENCo would name the parts. */
import { expect, type Locator, type Page } from '@playwright/test';

export class GroupsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Groups' });
  }

  async open() {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Groups' })
      .click();
    await expect(this.heading()).toBeVisible();
  }

  groups(): Locator {
    return this.page.getByTestId('group-row');
  }

  group(name: string): Locator {
    return this.groups().filter({
      has: this.page.getByRole('heading', { name, exact: true }),
    });
  }

  /** The message after a save, archive or restore (not the sync status). */
  flash(): Locator {
    return this.page.getByRole('status').filter({ hasText: '✓' });
  }

  async newGroup(): Promise<GroupFormPage> {
    await this.page.getByRole('link', { name: 'New group' }).click();
    const form = new GroupFormPage(this.page);
    await expect(form.heading()).toHaveText('New group');
    return form;
  }
}

export class GroupFormPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  provision(): Locator {
    return this.page.getByLabel('Provision', { exact: true });
  }

  name(): Locator {
    return this.page.getByLabel('Group name');
  }

  minutes(): Locator {
    return this.page.getByLabel('Minutes a session');
  }

  startDate(): Locator {
    return this.page.getByLabel('Starts on');
  }

  endDate(): Locator {
    return this.page.getByLabel('Ends on');
  }

  children(): Locator {
    return this.page.getByRole('group', { name: /^Children/ });
  }

  staff(): Locator {
    return this.page.getByRole('group', { name: 'Run by' });
  }

  slots(): Locator {
    return this.page.getByTestId('schedule-slot');
  }

  plannedHint(): Locator {
    return this.page.getByTestId('planned-hint');
  }

  async chooseProvision(name: string) {
    await this.provision().selectOption({ label: name });
  }

  /** Tick the first `count` children listed for a class; returns their names in order. */
  async chooseChildrenOfClass(className: string, count: number): Promise<string[]> {
    await this.page.getByLabel('Class', { exact: true }).selectOption({ label: className });
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const box = this.page
        .getByTestId('child-results')
        .getByRole('checkbox', { checked: false })
        .first();
      const label = (await box.locator('xpath=..').innerText()).trim();
      await box.check();
      await expect(
        this.page.getByRole('list', { name: 'Chosen children' }).getByText(label),
      ).toBeVisible();
      names.push(label);
    }
    return names;
  }

  async chooseStaff(name: string) {
    await this.staff().getByRole('checkbox', { name }).check();
  }

  /** Leave only these weekly slots: e.g. [['Monday', '11:00'], ['Wednesday', '11:00']]. */
  async setSchedule(slots: [day: string, time: string][]) {
    while ((await this.slots().count()) > slots.length) {
      await this.slots()
        .last()
        .getByRole('button', { name: /^Remove/ })
        .click();
    }
    while ((await this.slots().count()) < slots.length) {
      await this.page.getByRole('button', { name: 'Add a session time' }).click();
    }
    for (const [index, [day, time]] of slots.entries()) {
      await this.page.getByLabel(`Day of session ${index + 1}`).selectOption({ label: day });
      await this.page.getByLabel(`Time of session ${index + 1}`).fill(time);
    }
  }

  save(): Locator {
    return this.page.getByRole('button', { name: /^Save (group|changes)$/ });
  }

  /** The message shown beside a field (its accessible description). */
  fieldMessage(field: Locator): Promise<string | null> {
    return field.evaluate((element) => {
      const ids = (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      const texts = ids.map((id) => document.getElementById(id)?.textContent ?? '');
      return texts.find((text) => text.includes('▲')) ?? null;
    });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}
