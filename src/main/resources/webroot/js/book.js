// The book view: one page at a time, turned with buttons or arrow keys, read aloud, optionally turning by itself.

import { byId } from './dom.js';

const AUTO_TURN_MS = 4000;

/** Opens a run's ready pages in the `#book` dialog. */
export class Book {
  #dialog = byId('book');
  #audio = byId('book-audio');
  #pages = [];
  #index = 0;
  #timer = 0;

  constructor() {
    byId('book-prev').addEventListener('click', () => this.turn(-1));
    byId('book-next').addEventListener('click', () => this.turn(1));
    byId('book-close').addEventListener('click', () => this.#dialog.close());
    byId('book-play').addEventListener('click', () => this.#toggleReading());
    byId('book-auto').addEventListener('change', (e) => (e.target.checked ? this.#read() : this.#stop()));
    this.#audio.addEventListener('ended', () => this.#afterReading());
    this.#audio.addEventListener('play', () => this.#syncPlay());
    this.#audio.addEventListener('pause', () => this.#syncPlay());
    this.#dialog.addEventListener('close', () => this.#stop());
    this.#dialog.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight') this.turn(1);
      if (e.key === 'ArrowLeft') this.turn(-1);
    });
  }

  /** Opens the book at the cover with the pages of `run` whose picture is ready. */
  open(run) {
    this.#pages = run.pages.filter((page) => page.page <= run.ready_max_page);
    if (this.#pages.length === 0) return;
    byId('book-title').textContent = run.title || '동화책';
    byId('book-play').hidden = !this.#pages.some((page) => page.audio_url);
    this.#index = 0;
    this.#show();
    this.#dialog.showModal();
    byId('book-next').focus();
  }

  /** Turns `delta` pages (−1 back, +1 forward) within the book. */
  turn(delta) {
    const next = this.#index + delta;
    if (next < 0 || next >= this.#pages.length) return;
    this.#index = next;
    this.#show();
    if (byId('book-auto').checked) this.#read();
  }

  #show() {
    const page = this.#pages[this.#index];
    this.#stop();
    const image = byId('book-image');
    image.src = page.image_url;
    image.alt = page.page === 0 ? '표지 그림' : `${page.page}쪽 그림`;
    byId('book-text').textContent = page.text ?? '';
    byId('book-count').textContent = `${this.#index + 1} / ${this.#pages.length}`;
    byId('book-prev').disabled = this.#index === 0;
    byId('book-next').disabled = this.#index === this.#pages.length - 1;
    byId('book-play').disabled = !page.audio_url;
    if (page.audio_url) this.#audio.src = page.audio_url; else this.#audio.removeAttribute('src');
  }

  #toggleReading() {
    if (this.#audio.paused) this.#read(); else this.#stop();
  }

  #read() {
    clearTimeout(this.#timer);
    if (this.#audio.getAttribute('src')) {
      this.#audio.currentTime = 0;
      this.#audio.play().catch(() => this.#afterReading());
    } else {
      this.#afterReading();
    }
  }

  #afterReading() {
    if (!byId('book-auto').checked || this.#index >= this.#pages.length - 1) return;
    this.#timer = setTimeout(() => this.turn(1), this.#audio.getAttribute('src') ? 600 : AUTO_TURN_MS);
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#audio.pause();
  }

  #syncPlay() {
    const playing = !this.#audio.paused;
    const button = byId('book-play');
    button.setAttribute('aria-pressed', String(playing));
    button.textContent = playing ? '❚❚ 멈추기' : '▶ 읽어 주기';
  }
}
