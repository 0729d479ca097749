import { DatabasePage } from './pages/database-page';
import { expect, test } from './fixtures';

test.describe('Settings → Database', () => {
  test('"Check the database" runs the quick check, or the full one when ticked, and says the database is sound', async ({ app }) => {
    const database = new DatabasePage(app.page);
    await database.open();

    await database.check.click();
    await expect(database.result).toContainText("The database is sound: SQLite's quick check and Roster's checks found nothing wrong.");

    await database.full.check();
    await database.check.click();
    await expect(database.result).toContainText("The database is sound: SQLite's full integrity check, its foreign key check and Roster's checks found nothing wrong.");
  });
});
