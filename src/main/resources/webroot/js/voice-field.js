// A storybook field that can be spoken: the mic button records, /api/stt/field transcribes and parses.

import { explain, request } from './api.js';
import { clipName, explainRecording, Recorder } from './recorder.js';

const MIN_CLIP_MS = 1000;

/** Wires the mic button of one `.field[data-field]` element. */
export function attachVoiceField(field) {
  const type = field.dataset.field;
  const input = field.querySelector('input');
  const button = field.querySelector('.mic');
  const note = field.querySelector('.field-note');
  const recorder = new Recorder({ onLimit: (clip) => finish(clip) });
  let startedAt = 0;

  const show = (text, tone = '') => {
    note.textContent = text;
    note.dataset.tone = tone;
  };
  const setRecording = (on) => {
    button.setAttribute('aria-pressed', String(on));
    field.classList.toggle('is-recording', on);
  };

  async function finish(clip) {
    setRecording(false);
    if (Date.now() - startedAt < MIN_CLIP_MS) {
      show('너무 짧아요. 버튼을 누르고 1초 넘게 말해 주세요.', 'error');
      return;
    }
    await transcribe(clip);
  }

  button.addEventListener('click', async () => {
    if (recorder.recording) {
      await finish(await recorder.stop());
      return;
    }
    try {
      await recorder.start();
      startedAt = Date.now();
      setRecording(true);
      show('듣고 있어요… 다 말하면 버튼을 다시 눌러 주세요.', 'live');
    } catch (e) {
      show(explainRecording(e), 'error');
    }
  });

  async function transcribe(clip) {
    const form = new FormData();
    form.append('field_type', type);
    form.append('language', 'ko-KR');
    form.append('audio_file', clip, clipName(clip));
    button.disabled = true;
    field.classList.add('is-busy');
    show('알아듣는 중…', 'live');
    try {
      const result = await request('/api/stt/field', { method: 'POST', form });
      input.value = result.parsed_value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const percent = Math.round(result.confidence * 100);
      show(`“${result.stt_text}”로 들었어요 · 확신도 ${percent}%`, percent < 50 ? 'warn' : 'ok');
      note.dataset.confidence = String(percent);
    } catch (e) {
      show(explain(e), 'error');
    } finally {
      button.disabled = false;
      field.classList.remove('is-busy');
    }
  }
}
