// The IMYME tab: pick or type a concept, record or upload an explanation, read the transcript, get feedback.

import { explain, request } from './api.js';
import { CONCEPTS } from './concepts.js';
import { alertText, byId, el } from './dom.js';
import { clipName, explainRecording, Recorder } from './recorder.js';

const CUSTOM = 'custom';
const STATUS = { PENDING: '채점을 기다리는 중이에요…', PROCESSING: '설명을 읽고 채점하는 중이에요…' };

/** Wires the practice tab. */
export function initPractice() {
  const select = byId('concept');
  select.replaceChildren(...CONCEPTS.map((c, i) => el('option', { value: String(i), textContent: c.label })),
    el('option', { value: CUSTOM, textContent: '직접 입력하기' }));
  select.addEventListener('change', () => chooseConcept(select.value));
  chooseConcept('0');

  const recorder = new Recorder({
    onLimit: (clip) => {
      setRecording(false);
      transcribe(clip, clipName(clip));
    },
  });
  const recordButton = byId('answer-record');
  recordButton.addEventListener('click', async () => {
    if (recorder.recording) {
      setRecording(false);
      const clip = await recorder.stop();
      transcribe(clip, clipName(clip));
      return;
    }
    try {
      await recorder.start();
      setRecording(true);
      note('녹음 중이에요. 설명을 마치면 버튼을 다시 눌러 주세요.');
    } catch (e) {
      note(explainRecording(e), 'error');
    }
  });
  byId('answer-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) transcribe(file, file.name);
    e.target.value = '';
  });
  byId('practice-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });

  function setRecording(on) {
    recordButton.setAttribute('aria-pressed', String(on));
    recordButton.textContent = on ? '녹음 끝내기' : '녹음하기';
  }
}

function chooseConcept(value) {
  const concept = CONCEPTS[Number(value)];
  byId('keyword').value = concept ? concept.keyword : '';
  byId('model-answer').value = concept ? concept.modelAnswer : '';
  byId('keyword').readOnly = Boolean(concept);
  if (!concept) byId('keyword').focus();
}

function note(text, tone = '') {
  const element = byId('answer-note');
  element.textContent = text;
  element.dataset.tone = tone;
}

async function transcribe(blob, name) {
  const form = new FormData();
  form.append('file', blob, name);
  form.append('model', 'whisper-1');
  form.append('language', 'ko');
  note('받아 적는 중이에요…', 'live');
  try {
    const { text } = await request('/v1/audio/transcriptions', { method: 'POST', form });
    byId('answer-text').value = text.trim();
    note(text.trim() ? '받아 적었어요. 틀린 곳이 있으면 고친 뒤 피드백을 받아 보세요.'
      : '말소리가 들리지 않았어요. 다시 녹음해 주세요.', text.trim() ? 'ok' : 'warn');
  } catch (e) {
    note(explain(e), 'error');
  }
}

async function submit() {
  const keyword = byId('keyword').value.trim();
  const modelAnswer = byId('model-answer').value.trim();
  const userText = byId('answer-text').value.trim();
  const missing = !keyword ? 'keyword' : !modelAnswer ? 'model-answer' : !userText ? 'answer-text' : null;
  if (missing) {
    alertText(byId('practice-error'), missing === 'answer-text'
      ? '설명을 녹음하거나 글로 써 주세요.' : '키워드와 모범 답안을 채워 주세요.');
    byId(missing).focus();
    return;
  }
  alertText(byId('practice-error'), '');
  const attemptId = Date.now();
  const button = byId('answer-submit');
  button.disabled = true;
  try {
    await request('/api/v1/solo/submissions', {
      method: 'POST', json: { attemptId, userText, criteria: { keyword, modelAnswer }, history: [] },
    });
    follow(attemptId, () => (button.disabled = false));
  } catch (e) {
    alertText(byId('practice-error'), explain(e));
    button.disabled = false;
  }
}

function follow(attemptId, done) {
  const panel = byId('feedback');
  panel.hidden = false;
  panel.dataset.status = 'PENDING';
  byId('feedback-result').hidden = true;
  byId('feedback-status').textContent = STATUS.PENDING;
  byId('feedback-title').focus();
  const source = new EventSource(`/api/v1/solo/submissions/${attemptId}/events`);
  source.addEventListener('state', (event) => {
    const submission = JSON.parse(event.data);
    panel.dataset.status = submission.status;
    if (submission.status === 'COMPLETED') {
      source.close();
      byId('feedback-status').textContent = '채점이 끝났어요.';
      showResult(submission.result);
      done();
    } else if (submission.status === 'FAILED') {
      source.close();
      byId('feedback-status').textContent = `채점하지 못했어요. ${explain(submission.error)}`;
      done();
    } else {
      byId('feedback-status').textContent = STATUS[submission.status];
    }
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) done();
  });
}

function showResult(result) {
  const { feedback, evidence } = result;
  byId('score').textContent = String(result.overall_score);
  byId('level').textContent = String(result.level);
  const [modelIncluded = [], modelMissed = []] = feedback.keyword ?? [];
  chips(byId('keywords-included'), evidence?.includedTerms ?? modelIncluded, '없음');
  chips(byId('keywords-missed'), evidence?.missedTerms ?? modelMissed, '모두 포함했어요!');
  byId('coverage').textContent = evidence
    ? `모범 답안의 핵심 용어 중 ${Math.round(evidence.coverage * 100)}%를 설명에 담았어요.` : '';
  for (const section of ['summarize', 'facts', 'understanding', 'personalized']) {
    byId(`fb-${section}`).textContent = feedback[section] || '—';
  }
  byId('feedback-result').hidden = false;
}

function chips(list, words, empty) {
  list.replaceChildren(...(words.length ? words : [empty])
    .map((word) => el('li', { textContent: word, className: words.length ? '' : 'chip-empty' })));
}
