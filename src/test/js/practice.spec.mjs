// IMYME practice on a phone: reach the tab by keyboard, pick a concept, write an answer, watch the feedback arrive.

import { check, checkFits, launch, log, openPage, PHONE, run, shoot, specArgs } from './lib/browser.mjs';

const { baseUrl, shots } = specArgs();
const ANSWER = '프로세스는 실행 중인 프로그램이고, 운영체제로부터 Code, Data, Stack, Heap 메모리 영역을 받습니다.';

await run('practice', async () => {
  const browser = await launch();
  try {
    const page = await openPage(browser, baseUrl, PHONE);
    await page.getByRole('tab', { name: '동화책 만들기' }).focus();
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name: '설명 연습 (IMYME)' });
    check(await tab.getAttribute('aria-selected') === 'true', 'the arrow key moves to the practice tab');
    check(await page.evaluate(() => document.activeElement.id) === 'tab-practice', 'focus follows the tab');
    check(await page.locator('#panel-story').isHidden(), 'the storybook panel is hidden');

    await page.getByRole('button', { name: '피드백 받기' }).click();
    await page.locator('#practice-error').filter({ hasText: '설명' }).waitFor();

    await page.getByLabel('개념 고르기').selectOption({ label: '프로세스' });
    check((await page.getByLabel('모범 답안').inputValue()).includes('IPC'), 'the model answer is filled in');
    await page.getByLabel('받아 적은 설명 (고칠 수 있어요)').fill(ANSWER);
    await page.getByRole('button', { name: '피드백 받기' }).click();
    await page.locator('#feedback[data-status="COMPLETED"] #feedback-result').waitFor({ timeout: 120_000 });

    const score = Number(await page.locator('#score').textContent());
    const level = Number(await page.locator('#level').textContent());
    log(`score ${score}, level ${level}`);
    check(Number.isInteger(score) && score >= 0 && score <= 100, `a score 0-100 is shown: ${score}`);
    check(level >= 1 && level <= 5, `a level 1-5 is shown: ${level}`);
    const included = await page.locator('#keywords-included li').allTextContents();
    const missed = await page.locator('#keywords-missed li').allTextContents();
    log(`included ${included}; missed ${missed}`);
    check(included.includes('Heap') && missed.includes('프로세스 간 통신'), 'the answer\'s key terms are listed as included or missed');
    check(/\d+%/.test(await page.locator('#coverage').textContent()), 'the coverage is shown');
    for (const section of ['summarize', 'facts', 'understanding', 'personalized']) {
      check((await page.locator(`#fb-${section}`).textContent()).trim() !== '', `the ${section} section is filled`);
    }
    await shoot(page, shots, 'practice-feedback-phone');
    await checkFits(page);
  } finally {
    await browser.close();
  }
});
