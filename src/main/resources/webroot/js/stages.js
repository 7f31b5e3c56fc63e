// What a run is doing, in Korean, and how far along it is.

const ORDER = ['LLM', 'COVER', 'PANEL_1', 'PANEL_2', 'PANEL_3', 'PANEL_4', 'TTS'];

const STATUS_LABELS = {
  QUEUED: '차례를 기다리는 중이에요',
  DONE: '다 만들었어요!',
  FAILED: '만들지 못했어요',
  CANCELLED: '만들기를 멈췄어요',
};

/** The label of a stage: 이야기 쓰는 중, 표지 그리는 중, 2번째 그림 그리는 중, 목소리 입히는 중. */
export function stageLabel(stage) {
  if (stage === 'LLM') return '이야기 쓰는 중';
  if (stage === 'COVER') return '표지 그리는 중';
  if (stage === 'TTS') return '목소리 입히는 중';
  const panel = /^PANEL_(\d)$/.exec(stage ?? '');
  return panel ? `${Number(panel[1]) + 1}번째 그림 그리는 중` : '준비하는 중';
}

/** The label of a run update, with the drawing step when the painter reports one. */
export function updateLabel(update) {
  if (update.status !== 'RUNNING') return STATUS_LABELS[update.status] ?? update.status;
  const { step = 0, total = 0 } = update.progress ?? {};
  const detail = total > 0 ? ` (${Math.min(step, total)}/${total})` : '';
  return `${stageLabel(update.stage)}…${detail}`;
}

/** Progress in percent: each stage is an equal share, the painter's steps fill the current one. */
export function updatePercent(update) {
  if (update.status === 'DONE') return 100;
  const index = ORDER.indexOf(update.stage);
  if (index < 0) return 0;
  const { step = 0, total = 0 } = update.progress ?? {};
  const within = total > 0 ? Math.min(step / total, 1) : 0;
  return Math.round(((index + within) / ORDER.length) * 100);
}

/** Whether a status is final (the event stream ends after it). */
export function isFinal(status) {
  return status === 'DONE' || status === 'FAILED' || status === 'CANCELLED';
}
