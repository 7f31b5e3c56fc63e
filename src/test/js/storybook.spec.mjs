// Storybook: fill the four fields, make a book, watch the progress to the end, read it, reopen it on a phone.

import { check, checkFits, DESKTOP, launch, log, openPage, PHONE, run, shoot, specArgs } from './lib/browser.mjs';

const { baseUrl, shots } = specArgs();
const FIELDS = { '시대': '옛날 옛적', '장소': '깊은 숲속', '등장인물': '토끼와 거북이', '주제': '우정' };

await run('storybook', async () => {
  const browser = await launch();
  try {
    const page = await openPage(browser, baseUrl, DESKTOP);
    check(await page.title() !== '', 'GET / shows the web page');
    await shoot(page, shots, 'storybook-empty');

    await page.getByRole('button', { name: '만들기' }).click();
    await page.locator('#form-error').filter({ hasText: '시대' }).waitFor();
    log('an empty field is named in Korean before anything is sent');

    const characters = page.getByLabel('등장인물', { exact: true });
    await characters.fill('음 뽀로로랑 크롱이요');
    await characters.press('Tab');
    const note = page.locator('.field[data-field="characters"] .field-note[data-parsed]');
    await note.waitFor();
    check((await note.getAttribute('data-parsed')) === '뽀로로, 크롱' && (await characters.inputValue()) === '뽀로로, 크롱',
      `a typed answer is tidied by /api/fields/parse and shown: ${await note.textContent()}`);
    log(`typed "음 뽀로로랑 크롱이요" is shown as: ${await note.textContent()}`);

    for (const [label, value] of Object.entries(FIELDS)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.evaluate(() => {
      window.stages = [];
      window.percents = [];
      const stage = document.getElementById('run-stage');
      const bar = document.getElementById('run-progress');
      new MutationObserver(() => window.stages.push(stage.textContent))
        .observe(stage, { childList: true, characterData: true, subtree: true });
      new MutationObserver(() => window.percents.push(Number(bar.getAttribute('aria-valuenow'))))
        .observe(bar, { attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await page.getByRole('button', { name: '만들기' }).click();
    await page.locator('#run[data-status="DONE"]').waitFor({ timeout: 90_000 });

    const stages = await page.evaluate(() => window.stages);
    const percents = await page.evaluate(() => window.percents);
    const steps = stages.filter((s) => /\(\d+\/\d+\)$/.test(s)).length;
    log(`stages shown: ${[...new Set(stages.map((s) => s.replace(/ \(.*/, '')))].join(' | ')}; ${steps} with a step`);
    for (const expected of ['표지 그리는 중', '2번째 그림 그리는 중', '5번째 그림 그리는 중']) {
      check(stages.some((s) => s.startsWith(expected)), `the stage label "${expected}" was shown`);
    }
    const labels = await page.evaluate(() => import('/app/js/stages.js')
      .then(({ stageLabel }) => ['LLM', 'COVER', 'PANEL_1', 'PANEL_4', 'TTS'].map(stageLabel)));
    check(labels.join() === '이야기 쓰는 중,표지 그리는 중,2번째 그림 그리는 중,5번째 그림 그리는 중,목소리 입히는 중',
      `stage labels: ${labels}`);
    check(stages.some((s) => /그림 그리는 중… \(\d+\/\d+\)/.test(s)), 'ComfyUI step progress (n/N) was shown');
    check(percents.some((p) => p > 0 && p < 100), `the bar moved through the middle: ${percents}`);
    check(await page.locator('#run-progress').getAttribute('aria-valuenow') === '100', 'the bar reached the end');
    check((await page.locator('#run-stage').textContent()) === '다 만들었어요!', 'the final label is shown');

    const images = page.locator('img.page-image');
    check(await images.count() === 5, `five images are shown, not ${await images.count()}`);
    await page.waitForFunction(() => [...document.querySelectorAll('img.page-image')]
      .every((img) => img.complete && img.naturalWidth > 0));
    const audio = await page.locator('audio.page-audio').evaluateAll((all) => all.map((a) => a.src));
    check(audio.length === 5 && audio.every((src) => /\/audio\/page_\d\.wav$/.test(src)),
      `five narrations are set: ${audio}`);
    const played = await page.evaluate(async () => {
      const first = document.querySelector('audio.page-audio');
      await new Promise((resolve) => { first.addEventListener('canplay', resolve, { once: true }); first.load(); });
      return first.duration;
    });
    check(played > 0, `the first narration loads (${played} s)`);
    await shoot(page, shots, 'storybook-done');

    await page.getByRole('button', { name: '책으로 보기' }).click();
    const book = page.locator('#book');
    await book.waitFor();
    check((await page.locator('#book-count').textContent()) === '1 / 5', 'the book opens at the cover');
    await page.keyboard.press('ArrowRight');
    check((await page.locator('#book-count').textContent()) === '2 / 5', 'the right arrow turns the page');
    await shoot(page, shots, 'storybook-book', { fullPage: false });
    await page.keyboard.press('Escape');

    const title = await page.locator('#run-title').textContent();
    const phone = await openPage(browser, baseUrl, PHONE);
    await phone.locator('.recent-item').first().waitFor();
    check((await phone.locator('.recent-title').first().textContent()) === title, 'the new book heads the recent list');
    await phone.locator('.recent-item').first().click();
    await phone.locator('#run[data-status="DONE"] img.page-image').nth(4).waitFor();
    await shoot(phone, shots, 'storybook-phone');
    await checkFits(phone);
  } finally {
    await browser.close();
  }
});
