// A storybook field that can be spoken or typed: the mic button records and /api/stt/field transcribes and
// parses; a typed answer is parsed by /api/fields/parse when the field is left. The parsed value is shown
// under the field and is what the story is written from.

import { explain, request } from './api.js';
import { clipName, explainRecording, Recorder } from './recorder.js';

const MIN_CLIP_MS = 1000;

/**
 * Wires the mic button and the typed-answer parsing of one `.field[data-field]` element; returns its `tidy()`,
 * which parses a typed answer not parsed yet and resolves to the value to send.
 */
export function attachVoiceField(field) {
  const type = field.dataset.field;
  const input = field.querySelector('input');
  const button = field.querySelector('.mic');
  const note = field.querySelector('.field-note');
  const recorder = new Recorder({ onLimit: (clip) => finish(clip) });
  let startedAt = 0;
  let parsed = '';

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

  /** Parses the typed answer (once per text) and shows the value the story will use. */
  async function tidy() {
    const typed = input.value.trim();
    if (!typed || typed === parsed) return typed;
    try {
      const result = await request('/api/fields/parse', { method: 'POST', json: { field_type: type, text: typed } });
      if (!result.parsed_value) {
        show(`“${typed}”에서 알아들을 말을 찾지 못했어요. 다시 써 주세요.`, 'warn');
        return typed;
      }
      parsed = result.parsed_value;
      input.value = parsed;
      note.dataset.parsed = parsed;
      show(parsed === typed ? `‘${parsed}’(으)로 넣을게요` : `“${typed}” → ‘${parsed}’(으)로 정리했어요`, 'ok');
      return parsed;
    } catch (e) {
      show(explain(e), 'error');
      return typed;
    }
  }

  input.addEventListener('change', () => tidy());

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
      parsed = result.parsed_value;
      input.value = parsed;
      note.dataset.parsed = parsed;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const percent = Math.round(result.confidence * 100);
      const value = parsed ? ` → ‘${parsed}’` : ' → 알아들을 말이 없어요';
      show(`“${result.stt_text}”로 들었어요${value} · 확신도 ${percent}%`, percent < 50 || !parsed ? 'warn' : 'ok');
      note.dataset.confidence = String(percent);
    } catch (e) {
      show(explain(e), 'error');
    } finally {
      button.disabled = false;
      field.classList.remove('is-busy');
    }
  }

  return { tidy };
}
