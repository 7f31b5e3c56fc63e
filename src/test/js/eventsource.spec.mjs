// EventSource on finished streams: once a run or a solo submission is final and the page has its last
// event, the browser's reconnect is answered 204 and the EventSource stays CLOSED (no reconnect loop).

import { check, DESKTOP, launch, log, openPage, run, specArgs } from './lib/browser.mjs';

const { baseUrl } = specArgs();
const WATCH_MS = 8000;

/** Follows `url` in the page without ever closing the source; answers what it saw once WATCH_MS passed the end. */
function follow(page, url, event) {
  return page.evaluate(({ url, event, watchMs }) => new Promise((resolve) => {
    const source = new EventSource(url);
    const seen = { events: [], ids: [], errors: 0, finalAt: 0 };
    source.addEventListener(event, (e) => {
      const data = JSON.parse(e.data);
      seen.events.push(data.status);
      seen.ids.push(e.lastEventId);
      if (/^(DONE|FAILED|CANCELLED|COMPLETED)$/.test(data.status) && !seen.finalAt) {
        seen.finalAt = Date.now();
        setTimeout(() => resolve({ ...seen, state: source.readyState }), watchMs);
      }
    });
    source.addEventListener('error', () => { seen.errors += 1; });
  }), { url, event, watchMs: WATCH_MS });
}

async function post(page, path, body) {
  const created = await page.evaluate(async ({ path, body }) => {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  }, { path, body });
  check(created.status === 201 || created.status === 202, `${path} answered ${created.status}`);
  return created.body;
}

await run('eventsource', async () => {
  const browser = await launch();
  try {
    const page = await openPage(browser, baseUrl, DESKTOP);
    const answers = [];
    page.on('response', (r) => r.url().endsWith('/events') && answers.push(`${new URL(r.url()).pathname} ${r.status()}`));

    const created = await post(page, '/api/runs',
      { era_ko: '현대', place_ko: '숲', characters_ko: '토끼', topic_ko: '우정', tts_enabled: false });
    const runSeen = await follow(page, `/api/runs/${created.run_id}/events`, 'update');
    const runAnswers = answers.filter((a) => a.includes(created.run_id));
    log(`run ${created.run_id}: ${runSeen.events.join(' → ')}; ids ${runSeen.ids.join(',')}; answers ${runAnswers.join(', ')}`);
    check(runSeen.state === 2, `the run's EventSource is CLOSED after the end (readyState ${runSeen.state})`);
    check(new Set(runSeen.ids).size === runSeen.ids.length, `no event is delivered twice: ${runSeen.ids}`);
    check(runAnswers.at(-1)?.endsWith(' 204'), `the reconnect after the end is answered 204: ${runAnswers}`);
    check(runAnswers.filter((a) => a.endsWith(' 204')).length === 1, `one reconnect, then none: ${runAnswers}`);

    const body = { attemptId: 9001, userText: '짧은 답', history: [],
      criteria: { keyword: 'Process', modelAnswer: '프로세스는 실행 중인 프로그램입니다.' } };
    const submitted = await post(page, '/api/v1/solo/submissions', body);
    check(submitted.success === true, `the submission is accepted: ${JSON.stringify(submitted)}`);
    const soloSeen = await follow(page, '/api/v1/solo/submissions/9001/events', 'state');
    const soloAnswers = answers.filter((a) => a.includes('/9001/'));
    log(`solo 9001: ${soloSeen.events.join(' → ')}; ids ${soloSeen.ids.join(',')}; answers ${soloAnswers.join(', ')}`);
    check(soloSeen.state === 2, `the submission's EventSource is CLOSED after the end (readyState ${soloSeen.state})`);
    check(soloAnswers.at(-1)?.endsWith(' 204') && soloAnswers.length === 2, `one reconnect answered 204: ${soloAnswers}`);
  } finally {
    await browser.close();
  }
});
