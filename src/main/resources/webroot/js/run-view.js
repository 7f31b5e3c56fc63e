// One storybook run on screen: progress from its event stream, pages as they become ready, cancel.

import { explain, request } from './api.js';
import { alertText, byId, el } from './dom.js';
import { isFinal, updateLabel, updatePercent } from './stages.js';

const STAGE_ADVICE = {
  LLM: '이야기를 쓰지 못했어요.',
  COVER: '표지를 그리지 못했어요.',
  TTS: '목소리를 입히지 못했어요.',
};

/** Shows a run in the `#run` card and keeps it current until it is final. */
export class RunView {
  #source = null;
  #run = null;
  #seen = '';
  #onFinal;
  #onPages;

  /** `onFinal(run)` is called once the run is final, `onPages(run)` whenever its pages change. */
  constructor({ onFinal = () => {}, onPages = () => {} } = {}) {
    this.#onFinal = onFinal;
    this.#onPages = onPages;
    byId('run-cancel').addEventListener('click', () => this.#cancel());
  }

  get run() {
    return this.#run;
  }

  /** Shows run `runId` and follows its events. */
  async show(runId) {
    this.#source?.close();
    this.#seen = '';
    byId('pages').replaceChildren();
    alertText(byId('run-error'), '');
    byId('run').hidden = false;
    byId('run').dataset.runId = runId;
    const bar = byId('run-progress');
    bar.classList.add('is-instant');
    try {
      this.#render(await request(`/api/runs/${runId}`));
      requestAnimationFrame(() => requestAnimationFrame(() => bar.classList.remove('is-instant')));
    } catch (e) {
      alertText(byId('run-error'), explain(e));
      return;
    }
    byId('run-title').focus();
    if (!isFinal(this.#run.status)) this.#follow(runId);
  }

  #follow(runId) {
    const source = new EventSource(`/api/runs/${runId}/events`);
    this.#source = source;
    source.addEventListener('update', (event) => {
      const update = JSON.parse(event.data);
      this.#progress(update);
      if (isFinal(update.status)) source.close();
      const key = `${update.status}/${update.ready_max_page}/${update.ready_max_audio_page}`;
      if (key !== this.#seen) {
        this.#seen = key;
        request(`/api/runs/${runId}`).then((run) => this.#source === source && this.#render(run))
          .catch((e) => alertText(byId('run-error'), explain(e)));
      }
    });
    // 204 on a reconnect: the run is final and this page already had its last event; show what it became.
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED || this.#source !== source) return;
      request(`/api/runs/${runId}`).then((run) => this.#source === source && this.#render(run))
        .catch((e) => alertText(byId('run-error'), explain(e)));
    });
  }

  #render(run) {
    this.#run = run;
    byId('run').dataset.status = run.status;
    byId('run-title').textContent = run.title || '새 동화책';
    const { era_ko: era, place_ko: place, characters_ko: characters, topic_ko: topic } = run.inputs;
    byId('run-inputs').textContent = `${era} · ${place} · ${characters} · ${topic}`;
    this.#progress(run);
    byId('pages').replaceChildren(...run.pages.map((page) => pageItem(page, run)));
    byId('run-cancel').hidden = isFinal(run.status);
    byId('open-book').disabled = run.ready_max_page < 0;
    if (run.error) {
      const where = STAGE_ADVICE[run.error.stage] ?? (run.error.stage ? '그림을 그리지 못했어요.' : '');
      alertText(byId('run-error'), `${where} ${explain(run.error)}`.trim());
    }
    this.#onPages(run);
    if (isFinal(run.status)) this.#onFinal(run);
  }

  #progress(update) {
    const percent = updatePercent(update);
    const bar = byId('run-progress');
    bar.setAttribute('aria-valuenow', String(percent));
    bar.style.setProperty('--percent', `${percent}%`);
    bar.dataset.state = update.status;
    const label = updateLabel(update);
    const stage = byId('run-stage');
    if (stage.textContent !== label) stage.textContent = label;
  }

  async #cancel() {
    if (!this.#run) return;
    try {
      this.#source?.close();
      this.#render(await request(`/api/runs/${this.#run.run_id}/cancel`, { method: 'POST' }));
    } catch (e) {
      alertText(byId('run-error'), explain(e));
    }
  }
}

function pageItem(page, run) {
  const name = page.page === 0 ? '표지' : `${page.page}쪽`;
  const picture = page.page <= run.ready_max_page && page.image_url
    ? el('img', { className: 'page-image', src: page.image_url, alt: `${name} 그림` })
    : el('div', { className: 'page-placeholder', textContent: isFinal(run.status) ? '그림 없음' : '그리는 중…' });
  const text = el('p', { className: 'page-text', textContent: page.text ?? '이야기를 쓰는 중…' });
  const item = el('li', { className: 'page' }, el('figure', {}, picture,
    el('figcaption', {}, el('span', { className: 'page-name', textContent: name }), text)));
  if (page.page <= run.ready_max_audio_page && page.audio_url) item.append(narration(page.audio_url, name));
  return item;
}

function narration(url, name) {
  const audio = el('audio', { className: 'page-audio', src: url, preload: 'none' });
  const button = el('button', { type: 'button', className: 'play', textContent: '▶ 듣기' });
  button.setAttribute('aria-label', `${name} 읽어 주기`);
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    document.querySelectorAll('.page-audio').forEach((other) => other !== audio && other.pause());
    if (audio.paused) audio.play().catch(() => {}); else audio.pause();
  });
  const sync = () => {
    button.setAttribute('aria-pressed', String(!audio.paused));
    button.textContent = audio.paused ? '▶ 듣기' : '❚❚ 멈추기';
  };
  audio.addEventListener('play', sync);
  audio.addEventListener('pause', sync);
  audio.addEventListener('ended', sync);
  return el('div', { className: 'page-audio-row' }, button, audio);
}
