/**
 * The SENCo imports a real MIS export with a value the importer does not
 * know and a row that cannot be read: the value is shown once to map, the
 * screen asks before leaving a row out, the mapping is remembered for the
 * next import, and children missing from the file are offered as leavers.
 * The file follows SIMS's column names and census codes (docs/roster-import.md).
 */
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';

const FILE =
  'Adno,UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year Taught In,Reg Group,SEN Status\n' +
  '004001,B820123450011,Brontë,Zoë,Zoe,14/03/2017,Year 4,4H,SA+\n' +
  '004002,D820123450022,Okafor,Chidi,,02/09/2016,Year 5,5W,sa+\n' +
  '004003,F820123450033,Nowak,Zofia,,21/11/2016,Year 5,5W,K - SEN Support\n' +
  '004004,H820123450044,Evans,Megan,,31/02/2017,Year 4,4H,N\n';

test('unknown values are mapped once, a bad row is left out only when the SENCo ticks, leavers are offered', async ({
  page,
}) => {
  await new SignInPage(page).signIn('senco@demo.school');
  const reports = new ReportsPage(page);
  await reports.open('Import');
  const upload = () =>
    page.getByLabel('CSV file').setInputFiles({
      name: 'sims-students.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(FILE),
    });
  await upload();
  await page.getByRole('button', { name: 'Check every row' }).click();

  const unknown = page.getByTestId('import-unknown-values');
  await expect(unknown.getByRole('row')).toHaveCount(2);
  await expect(unknown.getByRole('row').nth(1)).toContainText('SA+');
  await expect(unknown.getByRole('row').nth(1)).toContainText('2');
  await expect(page.getByTestId('import-plan')).toHaveCount(0);

  await page.getByLabel('What “SA+” in SEN Status means').selectOption('sen_support');
  await expect(unknown).toHaveCount(0);
  // The unreadable date still stops the import until the SENCo agrees.
  await expect(page.getByTestId('import-errors')).toContainText('31/02/2017');
  await expect(page.getByTestId('import-plan')).toHaveCount(0);
  await page.getByLabel(/Leave out the 1 row with problems/).check();
  await expect(page.getByTestId('import-plan')).toContainText('3 new children');
  await page.getByRole('button', { name: /^Import \d+ changes$/ }).click();
  await expect(page.getByText(/^Imported: 3 new children/)).toBeVisible();

  // The demo school's own children are not in this file: offered, not removed.
  const leavers = page.getByTestId('import-leavers');
  await expect(leavers).toContainText('not in this file');
  await expect(leavers.getByRole('checkbox').first()).toBeVisible();
  const leaverCount = await leavers.getByRole('checkbox').count();
  await leavers.getByRole('checkbox').first().check();
  await leavers.getByRole('button', { name: 'Mark 1 as left' }).click();
  await expect(page.getByText(/^1 child marked as left on \d{4}-\d{2}-\d{2}\./)).toBeVisible();
  expect(leaverCount).toBeGreaterThan(1);

  // Next time the mapping is remembered: the same file needs no mapping.
  await page.reload();
  await reports.open('Import');
  await upload();
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByTestId('import-errors')).toContainText('31/02/2017');
  await expect(page.getByTestId('import-unknown-values')).toHaveCount(0);
});
