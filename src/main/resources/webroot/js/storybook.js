// The storybook tab: four fields (typed or spoken), "만들기", the run in progress, the book and recent runs.

import { explain, request } from './api.js';
import { Book } from './book.js';
import { alertText, byId } from './dom.js';
import { RecentRuns } from './recent-runs.js';
import { RunView } from './run-view.js';
import { attachVoiceField } from './voice-field.js';

/** Wires the storybook tab. */
export function initStorybook() {
  const form = byId('story-form');
  const book = new Book();
  const recent = new RecentRuns((runId) => view.show(runId));
  const view = new RunView({ onFinal: () => recent.refresh() });
  const fields = [...form.querySelectorAll('.field')].map(attachVoiceField);
  byId('open-book').addEventListener('click', () => view.run && book.open(view.run));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await Promise.all(fields.map((field) => field.tidy()));
    const missing = [...form.querySelectorAll('input[required]')].find((input) => !input.value.trim());
    if (missing) {
      const label = form.querySelector(`label[for="${missing.id}"]`).textContent;
      alertText(byId('form-error'), `${label}을(를) 채워 주세요. 글로 쓰거나 마이크 버튼을 눌러 말해도 돼요.`);
      missing.focus();
      return;
    }
    alertText(byId('form-error'), '');
    const data = new FormData(form);
    const body = Object.fromEntries(['era_ko', 'place_ko', 'characters_ko', 'topic_ko']
      .map((name) => [name, String(data.get(name)).trim()]));
    body.tts_enabled = data.get('tts_enabled') === 'on';
    const submit = byId('create-run');
    submit.disabled = true;
    try {
      const { run_id: runId } = await request('/api/runs', { method: 'POST', json: body });
      await view.show(runId);
      recent.refresh();
    } catch (e) {
      alertText(byId('form-error'), explain(e));
    } finally {
      submit.disabled = false;
    }
  });

  recent.refresh();
}
