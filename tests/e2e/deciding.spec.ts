import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_NOW, E2E_TOKEN } from '../../playwright.config';
import type { QueueRow } from '../../shared/api/queue';
import { expect, test } from './fixtures';
import { ADMIN, ADMIN2, api, openConsole, pageApi, seriousViolations, signInOnPage, SUPERVISOR } from './support';

// The tests share one browser host and take their applications from one pool; each page signs in on its own.
test.describe.configure({ mode: 'serial' });

const DISABLED = { login: 'disabled', password: 'disabled-training-1' };

/**
 * Received in-person (pickup) applications from the middle of the pool, counted from the highest numbers: other
 * specs take received applications from the lowest numbers up, and Ukrposhta ones from the top, so these stay
 * the same whichever spec ran first on this worker's host.
 */
const MIDDLE = 20;
const used = new Set<string>();
async function takeReceived(request: APIRequestContext, n: number, { checksPass = true } = {}): Promise<QueueRow[]> {
  const pool = (
    await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'desc' }, limit: 500 })
  ).rows.slice(MIDDLE);
  const out: QueueRow[] = [];
  for (const r of pool) {
    if (out.length === n) break;
    if (used.has(r.id)) continue;
    if (checksPass && !(await api(request, 'application.workflow', { id: r.id })).autoChecks.every((c) => c.passed)) continue;
    used.add(r.id);
    out.push(r);
  }
  expect(out, `${n} received in-person applications${checksPass ? ' whose automatic checks pass' : ''}`).toHaveLength(n);
  return out;
}

async function statusOf(request: APIRequestContext, id: string): Promise<string> {
  return (await api(request, 'application.get', { id })).record.status;
}

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The sign-in screen itself (openConsole would sign in on its own); any browser dialog fails the test. */
async function openSignInScreen(page: Page) {
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`/?t=${E2E_TOKEN}`);
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** Opens an application and waits until its decision panel knows the application's status. */
async function openApplication(page: Page, id: string, status: string) {
  await openConsole(page, `#/applications/${id}`);
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', status);
}

/** Claims in the panel with `c` and waits until the panel says the claim is ours. */
async function claimWithKey(page: Page) {
  await page.keyboard.press('c');
  await expect(page.getByTestId('claim-state')).toHaveAttribute('data-mine', 'true');
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'in_review');
}

test('sign-in screen: a wrong password and a disabled account get a Ukrainian sentence; the right password opens the queue', async ({ page }) => {
  await openSignInScreen(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { name: 'Вхід до консолі' })).toBeVisible();
  await expect(page.getByTestId('training-credentials')).toBeVisible();
  await noSeriousViolations(page);

  const error = page.getByTestId('sign-in-error');
  await page.getByTestId('sign-in-submit').click();
  await expect(error).toHaveText('Введіть логін і пароль.');

  await page.getByTestId('sign-in-login').fill(ADMIN.login);
  await page.getByTestId('sign-in-password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(error).toHaveText('Неправильний логін або пароль. Після 5 невдалих спроб поспіль вхід блокується на 15 хв.');
  await expect(page.getByTestId('sign-in-password')).toHaveValue('');
  await expect(page.getByTestId('sign-in-password')).toBeFocused();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await noSeriousViolations(page);

  await page.getByTestId('sign-in-login').fill(DISABLED.login);
  await page.getByTestId('sign-in-password').fill(DISABLED.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(error).toHaveText('Цей обліковий запис вимкнено. Зверніться до керівника, щоб його ввімкнули.');
  await expect(page.getByTestId('sign-in')).toBeVisible();
  expect((await pageApi(page, 'auth.current', {})).operator).toBeNull();

  await signInOnPage(page, ADMIN);
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await expect(page.getByTestId('current-operator')).toHaveAttribute('data-operator-id', 'op-admin-1');
  await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
  const state = await pageApi(page, 'auth.current', {});
  expect([state.operator?.id, state.locked]).toEqual(['op-admin-1', false]);
});

test('claim with c; on what nobody holds, a and r offer to take it into work in the same action; deciding what another holds is refused on screen and changes nothing', async ({ page, request }) => {
  const [mine, others] = await takeReceived(request, 2);

  // Not claimed yet: approving and refusing take it into work in the same action, and their dialogs say so;
  // Esc leaves everything as it was.
  await openApplication(page, mine!.id, 'received');
  await expect(page.getByTestId('claim-state')).toHaveText('Заяву ще ніхто не взяв у роботу.');
  await expect(page.getByTestId('approve-button')).toBeEnabled();
  await expect(page.getByTestId('refuse-button')).toBeEnabled();
  await expect(page.getByTestId('approve-why')).toHaveCount(0);
  await expect(page.getByTestId('manual-checks-note')).toContainText('Клавіша a відкриє погодження з переліком перевірок');
  await page.keyboard.press('a');
  await expect(page.getByTestId('approve-takes-into-work')).toHaveText('Заяву ще ніхто не взяв у роботу: погодження візьме її у вашу роботу тією ж дією.');
  await expect(page.getByTestId('approve-confirm-submit')).toContainText('Взяти в роботу, підтвердити перевірки й погодити');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('approve-confirm')).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByTestId('refuse-takes-into-work')).toBeVisible();
  await expect(page.getByTestId('refuse-submit')).toContainText('Взяти в роботу й відмовити');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('refuse-dialog')).toHaveCount(0);
  expect(await statusOf(request, mine!.id)).toBe('received');

  // `c` claims: the panel says so, the manual checks open up, the core holds our claim.
  await claimWithKey(page);
  await expect(page.getByTestId('decision-notice')).toHaveText('Заяву взято в роботу.');
  await expect(page.getByTestId('claim-state')).toContainText('Заява у вашій роботі з');
  await expect(page.getByTestId('auto-checks')).toBeVisible();
  await expect(page.getByTestId('manual-check-photoSignatureSuitable')).toBeEnabled();
  await expect(page.getByTestId('manual-checks-note')).toHaveText('Позначайте кожну тут (1, 2, 3) або підтвердьте всі разом у вікні погодження (a).');
  const wf = await api(request, 'application.workflow', { id: mine!.id });
  expect([wf.status, wf.claim?.operatorId, wf.claim?.mine]).toEqual(['in_review', 'op-admin-1', true]);
  await noSeriousViolations(page);

  // The screen out of date: the claim is released elsewhere while the approval waits for its confirmation. The
  // dialog sends what it showed (an approval of an application in our work), so it is refused, not taken again.
  for (const key of ['1', '2', '3']) await page.keyboard.press(key);
  await expect(page.getByTestId('approve-button')).toBeEnabled();
  await page.keyboard.press('a');
  const confirm = page.getByTestId('approve-confirm');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('approve-takes-into-work')).toHaveCount(0);
  await api(request, 'application.release', { id: mine!.id });
  await page.getByTestId('approve-confirm-submit').click();
  await expect(confirm.getByTestId('workflow-error')).toHaveAttribute('data-code', 'claim_required');
  await expect(confirm.getByTestId('workflow-error')).toHaveText('Спершу візьміть заяву в роботу.');
  expect(await statusOf(request, mine!.id)).toBe('received');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'received');

  // Claimed by another administrator (admin2, working in a window of their own).
  const holder = (await api(request, 'auth.current', {}, ADMIN2)).operator!.displayName;
  await api(request, 'application.claim', { id: others!.id }, ADMIN2);
  await openApplication(page, others!.id, 'in_review');
  await expect(page.getByTestId('claim-state')).toHaveAttribute('data-mine', 'false');
  await expect(page.getByTestId('claim-state')).toContainText(`Заяву опрацьовує \u2068${holder}\u2069 з`);
  await expect(page.getByTestId('claim-button')).toHaveCount(0);
  await expect(page.getByTestId('release-button')).toHaveCount(0);
  await expect(page.getByTestId('manual-check-photoSignatureSuitable')).toBeDisabled();
  const heldBy = `Рішення ухвалює той, хто опрацьовує заяву: ${holder}. Керівник може зняти цю роботу.`;
  await page.keyboard.press('a');
  await expect(page.getByTestId('decision-notice')).toHaveText(heldBy);
  await expect(page.getByTestId('approve-confirm')).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByTestId('decision-notice')).toHaveText(heldBy);
  await expect(page.getByTestId('refuse-dialog')).toHaveCount(0);
  const after = await api(request, 'application.workflow', { id: others!.id });
  expect([after.status, after.claim?.operatorId, after.claim?.mine]).toEqual(['in_review', 'op-admin-2', false]);
  await noSeriousViolations(page);
});

test('refuse with r: a reason from the catalogue, a too short explanation is refused, hostile text previews and is stored as typed', async ({ page, request }) => {
  const [row] = await takeReceived(request, 1);
  const reason = (await api(request, 'reference.refusalReasons', { includeInactive: false })).reasons.find((r) => r.code === 'photo_unsuitable')!;
  expect(reason.active).toBe(true);
  await openApplication(page, row!.id, 'received');
  await claimWithKey(page);

  await page.keyboard.press('r');
  const dialog = page.getByTestId('refuse-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Відмова у заяві' })).toBeVisible();
  await expect(page.getByTestId('refuse-reason')).toBeFocused();
  const submit = page.getByTestId('refuse-submit');
  await expect(submit).toBeDisabled();
  await expect(dialog).toContainText('Оберіть причину відмови.');
  await page.getByTestId('refuse-reason').selectOption(reason.code);
  const preview = page.getByTestId('refuse-preview');
  await expect(preview).toContainText(reason.titleUk);
  await expect(preview).toContainText('Відмовлено');

  // Under 20 characters as the citizen would read it (spaces around do not count): refused, nothing written.
  const explanation = page.getByTestId('refuse-explanation');
  await explanation.fill('   Фото нечітке            ');
  await expect(page.getByTestId('refuse-counter')).toHaveText('12 / 2000 · ще щонайменше 8 символів');
  await expect(page.getByTestId('refuse-counter')).toHaveClass(/counter--too_short/);
  await expect(dialog).toContainText('Напишіть пояснення потрібної довжини.');
  await expect(submit).toBeDisabled();
  const untouched = await api(request, 'application.get', { id: row!.id });
  expect([untouched.record.status, untouched.record.refusal]).toEqual(['in_review', null]);

  // Invisible direction controls would reverse the printed notice: the dialog says they are removed on save, and
  // the preview and the counter are of the text without them.
  const clean = 'Фото не відповідає вимогам до якості';
  await explanation.fill(`\u202E${clean.slice(0, 5)}\u2066${clean.slice(5)}\u202C`);
  await expect(page.getByTestId('refuse-direction-controls')).toHaveText(
    'Пояснення містить невидимі символи керування напрямком тексту: вони перевернули б текст у повідомленні громадянину, тому під час збереження їх буде вилучено. Збережеться текст, як у перегляді нижче.',
  );
  await expect(page.getByTestId('refuse-counter')).toHaveText(`${clean.length} / 2000 · довжина підходить`);
  await expect.poll(() => preview.locator('.citizen-preview__explanation').evaluate((el) => el.textContent)).toBe(clean);

  // Hostile text shows in the preview exactly as typed, as text.
  const typed = 'Фото не відповідає вимогам <img src=x onerror=alert(1)> — «лапки» і апостроф ’ та <b>жирне</b>';
  await explanation.fill(typed);
  await expect(page.getByTestId('refuse-counter')).toHaveText(`${typed.length} / 2000 · довжина підходить`);
  await expect(submit).toBeEnabled();
  const shown = preview.locator('.citizen-preview__explanation');
  await expect.poll(() => shown.evaluate((el) => el.textContent)).toBe(typed);
  await expect(page.getByTestId('refuse-direction-controls')).toHaveCount(0);
  expect(await preview.locator('img, b').count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await noSeriousViolations(page);

  await submit.click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('decision-notice')).toHaveText('У заяві відмовлено. Громадянин побачить причину й пояснення.');
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'refused');
  const refused = await api(request, 'application.get', { id: row!.id });
  expect(refused.record.status).toBe('refused');
  expect(refused.record.refusal?.reasonCode).toBe(reason.code);
  expect(refused.record.refusal?.explanation).toBe(typed);
  // The application screen shows the stored explanation as text too.
  await expect.poll(() => page.getByTestId('refusal').locator('bdi').evaluate((el) => el.textContent)).toBe(typed);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('refuse after a failed identity check: the suggested reason is preselected and said why; a reason contradicting a passed check is named before submitting', async ({ page, request }) => {
  const pool = (
    await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'desc' }, limit: 500 })
  ).rows.slice(MIDDLE);
  let row: QueueRow | undefined;
  for (const r of pool) {
    if (used.has(r.id)) continue;
    const checks = Object.fromEntries((await api(request, 'application.workflow', { id: r.id })).autoChecks.map((c) => [c.check, c.passed]));
    if (!checks.identityMatches && checks.paymentConfirmed && checks.licenceInRegister) {
      row = r;
      break;
    }
  }
  expect(row, 'a received application whose identity check failed, with payment confirmed and the licence in the register').toBeDefined();
  used.add(row!.id);
  const suggested = (await api(request, 'application.workflow', { id: row!.id })).suggestedReasonCodes;
  // Payment (the first check) passed, so the identity check's reason is the first suggested.
  expect(suggested[0]).toBe('data_mismatch');
  await openApplication(page, row!.id, 'received');

  // A failed automatic check blocks approval on the fast path as well: `a` says which check, opens nothing, and
  // the application stays as it was.
  await expect(page.getByTestId('approve-button')).toBeDisabled();
  await expect(page.getByTestId('approve-why')).toContainText('Погодити не можна: не пройдено автоматичну перевірку');
  await page.keyboard.press('a');
  await expect(page.getByTestId('decision-notice')).toContainText('«Особа збігається з даними реєстрів»');
  await expect(page.getByTestId('approve-confirm')).toHaveCount(0);
  expect(await statusOf(request, row!.id)).toBe('received');
  await claimWithKey(page);
  await expect(page.getByTestId('approve-button')).toBeDisabled();

  await page.keyboard.press('r');
  const dialog = page.getByTestId('refuse-dialog');
  await expect(dialog).toBeVisible();
  const select = page.getByTestId('refuse-reason');
  await expect(select).toHaveValue('data_mismatch');
  // With the reason chosen, typing the explanation can start at once.
  await expect(page.getByTestId('refuse-explanation')).toBeFocused();
  // The suggested reasons come first in the list.
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(values.slice(0, suggested.length)).toEqual(suggested);
  await expect(page.getByTestId('refuse-preselected')).toHaveText('Причину обрано за автоматичною перевіркою «Особа збігається з даними реєстрів», яка не пройшла. Її можна змінити.');
  await expect(page.getByTestId('refuse-contradiction')).toHaveCount(0);

  // "Licence not in the register" while that check passed: the dialog says so before anything is sent.
  await select.selectOption('not_in_register');
  await expect(page.getByTestId('refuse-contradiction')).toHaveText(
    'Автоматична перевірка «Посвідчення є в реєстрі МВС» пройшла успішно: ця причина їй суперечить, а громадянин прочитає саме її. Оберіть причину, що відповідає дійсності.',
  );
  await expect(page.getByTestId('refuse-preselected')).toHaveCount(0);
  await noSeriousViolations(page);
  await select.selectOption('data_mismatch');
  await expect(page.getByTestId('refuse-contradiction')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await statusOf(request, row!.id)).toBe('in_review');
});

test('the slow path: approve with a after c and the manual checks 1 2 3: one confirmation, then the next application opens', async ({ page, request }) => {
  const [row] = await takeReceived(request, 1);
  expect((await api(request, 'application.workflow', { id: row!.id })).autoChecks.every((c) => c.passed)).toBe(true);
  await openApplication(page, row!.id, 'received');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(row!.number);
  await claimWithKey(page);

  const boxes = ['photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete'].map((c) => page.getByTestId(`manual-check-${c}`));
  for (const [i, box] of boxes.entries()) {
    await page.keyboard.press(String(i + 1));
    await expect(box).toBeChecked();
  }
  await expect(page.getByTestId('approve-button')).toBeEnabled();
  await expect(page.getByTestId('approve-why')).toHaveCount(0);

  // The confirmation lists the automatic checks as they stand and each manual check, ticked here one by one.
  await page.keyboard.press('a');
  const confirm = page.getByTestId('approve-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(`Погодити виготовлення за заявою № ${row!.number}?`);
  await expect(page.getByTestId('approve-auto-checks').locator('li[data-passed="true"]')).toHaveCount(4);
  await expect(page.getByTestId('approve-manual-checks').locator('li')).toHaveText([
    /Фото й підпис придатні для посвідчення.*позначено вами/,
    /Дані заяви узгоджені між собою.*позначено вами/,
    /Дані для отримання повні.*позначено вами/,
  ]);
  await expect(page.getByTestId('approve-takes-into-work')).toHaveCount(0);
  await expect(page.getByTestId('approve-confirm-submit')).toHaveText(/^Погодити/);
  await noSeriousViolations(page);
  await expect(page.getByTestId('approve-confirm-submit')).toBeFocused();
  expect(await statusOf(request, row!.id)).toBe('in_review');
  await page.getByTestId('approve-confirm-submit').click();

  // The next application is open: another address, another number, and the panel says what was done.
  await expect(page.getByTestId('application-screen')).not.toHaveAttribute('data-id', row!.id);
  expect(page.url()).not.toContain(row!.id);
  expect(page.url()).toMatch(/#\/applications\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText(row!.number);
  await expect(page.getByTestId('decision-notice')).toHaveText(`Виготовлення за заявою № ${row!.number} погоджено. Відкрито наступну заяву.`);
  await expect(page.getByTestId('approve-confirm')).toHaveCount(0);
  const approved = await api(request, 'application.get', { id: row!.id });
  expect(approved.record.status).toBe('approved');
  // One step reaches approved, by this operator. While it waits for sync it is the local step carrying the three
  // ticked checks; once the central server has it, the pulled history (statuses only) shows it instead.
  const steps = (await api(request, 'application.workflow', { id: row!.id })).steps.filter((s) => s.status === 'approved');
  expect(steps.map((s) => [s.operatorId, s.source === 'local' ? s.action : 'approve'])).toEqual([['op-admin-1', 'approve']]);
  const local = steps.filter((s) => s.source === 'local');
  expect(local.map((s) => s.manualChecks)).toEqual(local.map(() => ({ photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true })));
  // After a sync the step is the central server's, still one, still this operator's.
  await expect.poll(async () => (await api(request, 'sync.status', {})).pendingOps, { timeout: 15_000 }).toBe(0);
  await api(request, 'sync.now', {});
  const synced = (await api(request, 'application.workflow', { id: row!.id })).steps.filter((s) => s.status === 'approved');
  expect(synced.map((s) => [s.source, s.operatorId])).toEqual([['server', 'op-admin-1']]);
});

test('the idle lock keeps a half-written refusal: locked after 10 idle minutes, unlocked with the password on screen', async ({ page, request }) => {
  const [row] = await takeReceived(request, 1, { checksPass: false });
  // The page's own clock drives the idle watch, so ten idle minutes can pass at once.
  await page.clock.install();
  await openApplication(page, row!.id, 'received');
  await claimWithKey(page);
  await page.keyboard.press('r');
  await expect(page.getByTestId('refuse-dialog')).toBeVisible();
  await page.getByTestId('refuse-reason').selectOption('incomplete_data');
  const half = 'Адреса місця проживання вказана не повніс';
  await page.getByTestId('refuse-explanation').fill(half);

  await page.clock.fastForward('10:30');
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock.getByRole('heading', { name: 'Консоль заблоковано' })).toBeVisible();
  await expect(lock).toContainText('Олена Коваленко');
  await expect(page.getByTestId('unlock-password')).toBeFocused();
  await expect.poll(async () => (await pageApi(page, 'auth.current', {})).locked).toBe(true);
  await noSeriousViolations(page);

  await page.getByTestId('unlock-password').fill('not-the-password');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toHaveText('Неправильний пароль. Розблокувати може лише оператор, який працював; інший оператор входить заново.');
  await expect(lock).toBeVisible();
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.getByTestId('unlock-submit').click();
  await expect(lock).toHaveCount(0);
  expect((await pageApi(page, 'auth.current', {})).locked).toBe(false);

  // The dialog is where it was, with the reason and the half-typed text.
  await expect(page.getByTestId('refuse-dialog')).toBeVisible();
  await expect(page.getByTestId('refuse-reason')).toHaveValue('incomplete_data');
  await expect(page.getByTestId('refuse-explanation')).toHaveValue(half);
  await expect(page.getByTestId('refuse-preview')).toContainText(half);
  // The header's lock control, with the dialog closed: the draft waits for the next `r`.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('refuse-dialog')).toHaveCount(0);
  await page.getByTestId('lock-button').click();
  await expect(lock).toBeVisible();
  await expect.poll(async () => (await pageApi(page, 'auth.current', {})).locked).toBe(true);
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(lock).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByTestId('refuse-dialog')).toBeVisible();
  await expect(page.getByTestId('refuse-reason')).toHaveValue('incomplete_data');
  await expect(page.getByTestId('refuse-explanation')).toHaveValue(half);
  await expect(page.getByTestId('refuse-explanation')).toBeFocused();
  const wf = await api(request, 'application.workflow', { id: row!.id });
  expect([wf.status, wf.claim?.mine, wf.refusal]).toEqual(['in_review', true, null]);
});

test('force majeure: refused to an administrator; a supervisor records a finished air alarm and the deadlines show the extension', async ({ page, request }) => {
  // The alarm: Thursday 26 November 2026, 09:00–12:00 Kyiv time (UTC+2), the working day before the fixed "now".
  const now = Date.parse(E2E_NOW);
  const alarm = { start: '26.11.2026 09:00', end: '26.11.2026 12:00', startsAt: Date.parse('2026-11-26T07:00:00Z'), endsAt: Date.parse('2026-11-26T10:00:00Z') };
  expect(alarm.endsAt).toBeLessThan(now);
  const kyivMidnight = Date.parse('2026-11-25T22:00:00Z');
  const [affected] = (
    await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'desc' }, limit: 500 })
  ).rows
    .slice(MIDDLE)
    .filter((r) => !used.has(r.id) && Date.parse(r.submittedAt) < kyivMidnight && r.dueAt !== null && Date.parse(r.dueAt) > alarm.endsAt);
  expect(affected, 'a received application whose decision window covers the alarm day').toBeTruthy();
  used.add(affected!.id);
  const before = await api(request, 'application.get', { id: affected!.id });
  expect(before.deadline.extendedBy).not.toContain('2026-11-26');

  // An administrator: no link or key, and the screen itself says who records force majeure.
  await openConsole(page);
  await expect(page.getByTestId('force-majeure-link')).toHaveCount(0);
  await page.getByTestId('queue-grid').focus();
  await page.keyboard.press('f');
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect(page.getByTestId('force-majeure-screen')).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '#/force-majeure'));
  await expect(page.getByTestId('force-majeure-screen')).toBeVisible();
  await expect(page.getByTestId('force-majeure-screen')).toContainText('Записувати періоди форс-мажору може лише керівник.');
  await expect(page.getByTestId('fm-form')).toHaveCount(0);

  const note = 'Повітряна тривога: центр зачинено, відвідувачі в укритті <b>e2e</b>';
  await openConsole(page, '', SUPERVISOR);
  await expect(page.getByTestId('current-operator')).toHaveAttribute('data-role', 'supervisor');
  await expect(page.getByTestId('force-majeure-link')).toBeVisible();
  await page.getByTestId('queue-grid').focus();
  await page.keyboard.press('f');
  const screen = page.getByTestId('force-majeure-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('fm-form')).toBeVisible();
  await expect(page.getByTestId('fm-zone')).toHaveText('Час київський, зараз UTC+02:00 (зимовий час), хоч би в якому поясі був комп’ютер.');
  await noSeriousViolations(page);

  await page.getByTestId('fm-kind').selectOption('air_alarm');
  await page.getByTestId('fm-start').fill(alarm.start);
  await expect(page.getByTestId('fm-start-readback')).toHaveText('четвер, 26.11.2026, 09:00 — київський час, UTC+02:00 (зимовий час)');
  await page.getByTestId('fm-end').fill(alarm.end);
  await expect(page.getByTestId('fm-duration')).toContainText('Тривалість: 3 год 0 хв.');
  await page.getByTestId('fm-note').fill(note);
  await page.getByTestId('fm-submit').click();
  await expect(page.getByTestId('fm-result')).toContainText('Період записано.');
  await expect(page.getByTestId('fm-result')).toContainText('Продовжено дні: 26.11.2026.');
  await expect(page.getByTestId('fm-error')).toHaveCount(0);

  const row = page.getByTestId('fm-row').filter({ hasText: 'відвідувачі в укритті' });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-kind', 'air_alarm');
  await expect(row).toContainText('Повітряна тривога');
  await expect(row).toContainText('26.11.2026, 09:00');
  await expect(row).toContainText('26.11.2026, 12:00');
  await expect(row.getByTestId('fm-extended-days')).toHaveText('26.11.2026');
  await expect(row).toContainText('Ірина Бондар');
  await expect.poll(() => row.locator('bdi.user-text--block').evaluate((el) => el.textContent)).toBe(note);
  expect(await row.locator('b').count()).toBe(0);
  const periods = (await api(request, 'forceMajeure.list', { limit: 200 })).periods.filter((p) => p.note === note);
  expect(periods.map((p) => [p.kind, p.startsAt, p.endsAt, p.extendedDays])).toEqual([
    ['air_alarm', new Date(alarm.startsAt).toISOString(), new Date(alarm.endsAt).toISOString(), ['2026-11-26']],
  ]);
  await noSeriousViolations(page);

  // The affected application: one more working day, named on its screen and marked in the queue.
  const after = await api(request, 'application.get', { id: affected!.id });
  expect(after.deadline.extendedBy).toEqual([...before.deadline.extendedBy, '2026-11-26'].sort());
  expect(Date.parse(after.deadline.dueAt!)).toBeGreaterThan(Date.parse(before.deadline.dueAt!));
  await page.evaluate((id) => (window.location.hash = `#/applications/${id}`), affected!.id);
  await expect(page.getByTestId('force-majeure-days')).toContainText('26.11.2026');
  await expect(page.getByRole('img', { name: 'Строк продовжено на 1 робочий день через форс-мажор' })).toHaveText('ФМ +1');
  await page.keyboard.press('Escape');
  await page.getByTestId('queue-search').fill(affected!.number);
  const queueRow = page.locator(`[data-testid="queue-row"][data-id="${affected!.id}"]`);
  await expect(queueRow).toContainText('ФМ +1');
});

test('? shows the keyboard help with the deciding keys: claim, approve, refuse, next and previous', async ({ page, request }) => {
  const [row] = await takeReceived(request, 1, { checksPass: false });
  await openApplication(page, row!.id, 'received');
  await page.keyboard.press('?');
  const help = page.getByTestId('help-dialog');
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { name: 'Клавіші' })).toBeVisible();
  const keysOf = (action: string) => help.locator('table', { hasText: 'Екран заяви' }).getByRole('row').filter({ hasText: action }).locator('kbd');
  await expect(keysOf('Взяти заяву в роботу')).toHaveText(['c']);
  await expect(keysOf('Погодити виготовлення: вікно з переліком усіх перевірок')).toHaveText(['a']);
  await expect(keysOf('Відмовити: вікно відмови')).toHaveText(['r']);
  await expect(keysOf('У вікні відмови: надіслати відмову')).toHaveText(['Ctrl + Enter']);
  // The fast path from a queue row: three keys to an approval, five and the explanation to a refusal.
  const fast = (action: string) => help.locator('table', { hasText: 'Найкоротший шлях від рядка черги' }).getByRole('row').filter({ hasText: action }).getByTestId('help-sequence');
  await expect(fast('Погодити: відкрити заяву').locator('kbd')).toHaveText(['Enter', 'a', 'Enter']);
  await expect(fast('Відмовити: відкрити заяву').locator('kbd')).toHaveText(['Enter', 'r', '↓', 'Tab', 'Ctrl + Enter']);
  await expect(fast('Відмовити: відкрити заяву')).toContainText('текст пояснення');
  await noSeriousViolations(page);
  await expect(keysOf('Позначити ручну перевірку 1, 2 чи 3')).toHaveText(['1', '2', '3']);
  await expect(keysOf('Наступна / попередня заява в черзі')).toHaveText(['j', 'k', '↓', '↑']);
  // Force majeure is a supervisor's: not offered to an administrator.
  await expect(help).not.toContainText('Відкрити форс-мажор центру');
  // Keys pressed in the help act on nothing behind it.
  await page.keyboard.press('c');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.getByTestId('application-screen')).toBeVisible();
  await expect(page.getByTestId('claim-state')).toHaveAttribute('data-mine', 'false');
  expect(await statusOf(request, row!.id)).toBe('received');
});
