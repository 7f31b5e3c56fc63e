// Speaking: a storybook field filled from the microphone, and an IMYME answer recorded and uploaded.

import { check, DESKTOP, launch, log, openPage, PHONE, run, shoot, specArgs } from './lib/browser.mjs';

const { baseUrl, shots, audio } = specArgs();
const MODEL_TEXT = 'This is a tiny random test model';

await run('voice', async () => {
  check(audio, 'the spec needs an audio fixture for the fake microphone');
  const browser = await launch({ audio });
  try {
    const page = await openPage(browser, baseUrl, DESKTOP);
    const place = page.locator('.field[data-field="place"]');
    const mic = place.getByRole('button', { name: '장소를 말로 입력하기' });
    await mic.click();
    await place.locator('.mic[aria-pressed="true"]').waitFor();
    await page.waitForTimeout(2500);
    await mic.click();
    const note = place.locator('.field-note[data-confidence]');
    await note.waitFor();
    const value = await page.getByLabel('장소', { exact: true }).inputValue();
    const said = await note.textContent();
    log(`장소 ← "${value}" (${said})`);
    check(value.trim().length > 0, 'the spoken place fills the field');
    check(said.includes(MODEL_TEXT), `the transcript is shown: ${said}`);
    check(/확신도 \d{1,3}%/.test(said), `a confidence is shown: ${said}`);
    await shoot(page, shots, 'voice-field');

    const phone = await openPage(browser, baseUrl, PHONE, '/#practice');
    await phone.getByLabel('개념 고르기').selectOption({ label: '스레드' });
    check((await phone.getByLabel('키워드').inputValue()) === 'Thread', 'a built-in concept fills the keyword');
    await phone.getByRole('button', { name: '녹음하기' }).click();
    await phone.getByRole('button', { name: '녹음 끝내기' }).waitFor();
    await phone.waitForTimeout(2500);
    await phone.getByRole('button', { name: '녹음 끝내기' }).click();
    await phone.locator('#answer-note[data-tone="ok"]').waitFor();
    const recorded = await phone.locator('#answer-text').inputValue();
    check(recorded.includes(MODEL_TEXT), `the recording is transcribed: ${recorded}`);

    await phone.locator('#answer-text').fill('');
    await phone.locator('#answer-file').setInputFiles(audio);
    await phone.locator('#answer-note[data-tone="ok"]').waitFor();
    const uploaded = await phone.locator('#answer-text').inputValue();
    check(uploaded.includes(MODEL_TEXT), `the uploaded file is transcribed: ${uploaded}`);
    await shoot(phone, shots, 'practice-transcript-phone');

    await phone.getByRole('button', { name: '피드백 받기' }).click();
    const refusal = phone.locator('#practice-error:not([hidden]), #feedback[data-status="FAILED"] #feedback-status');
    await refusal.first().waitFor();
    const advice = await refusal.first().textContent();
    log(`without a grading model: ${advice}`);
    check(advice.includes('다시 해 주세요'), `a missing grading model is explained in Korean: ${advice}`);
  } finally {
    await browser.close();
  }
});
