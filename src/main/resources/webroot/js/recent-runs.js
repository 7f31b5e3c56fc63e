// The list of recent runs, newest first, each reopened with one click.

import { explain, request } from './api.js';
import { byId, el, shortDate } from './dom.js';

const PAGE_SIZE = 8;
const STATUS = { QUEUED: '기다리는 중', RUNNING: '만드는 중', DONE: '완성', FAILED: '실패', CANCELLED: '멈춤' };

/** Fills `#recent-runs`; `onOpen(runId)` is called when the reader picks one. */
export class RecentRuns {
  #onOpen;
  #before = null;

  constructor(onOpen) {
    this.#onOpen = onOpen;
    byId('recent-more').addEventListener('click', () => this.#load(false));
  }

  /** Loads the newest runs again. */
  refresh() {
    return this.#load(true);
  }

  async #load(fresh) {
    const list = byId('recent-runs');
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (!fresh && this.#before) query.set('before', this.#before);
    try {
      const page = await request(`/api/runs?${query}`);
      const items = page.runs.map((run) => this.#item(run));
      if (fresh) list.replaceChildren(...items); else list.append(...items);
      this.#before = page.next_before;
      byId('recent-more').hidden = !page.next_before;
      byId('recent-empty').hidden = list.children.length > 0;
    } catch (e) {
      byId('recent-empty').hidden = false;
      byId('recent-empty').textContent = explain(e);
    }
  }

  #item(run) {
    const button = el('button', { type: 'button', className: 'recent-item' },
      el('span', { className: 'recent-title', textContent: run.title || '제목 없는 책' }),
      el('span', { className: `badge badge-${run.status.toLowerCase()}`, textContent: STATUS[run.status] ?? run.status }),
      el('span', { className: 'recent-date', textContent: shortDate(run.created_at) }));
    button.addEventListener('click', () => this.#onOpen(run.run_id));
    return el('li', {}, button);
  }
}
