// The models banner: while /ready says an engine's model file is downloading (or missing), it shows
// the progress in Korean instead of letting requests fail; it hides itself once every engine is ready.

const ENGINES = { stt: '음성 인식', llm: '글쓰기' };
const DOWNLOADING = /^downloading (\S+) (\d+) % \(([\d,]+) of ([\d,]+) MB, ([\d,]+) MB\/s\)$/;
const DOWNLOADING_UNKNOWN = /^downloading (\S+) \(([\d,]+) MB, ([\d,]+) MB\/s\)$/;
const WAITING = /^waiting to download (.+)$/;
const VERIFYING = /^verifying (\S+)/;
const MISSING = /^model file (.+) is missing: /;
const FAILED = /^download of (\S+) failed: (.*)$/;

/** The Korean line for one capability's readiness, or null when it has nothing to say about models. */
export function describeModel(engine, state, reason) {
  const what = ENGINES[engine] ?? engine;
  let m;
  if ((m = DOWNLOADING.exec(reason))) {
    return `${what} 모델 내려받는 중: ${m[1]} ${m[2]}% (${m[3]} / ${m[4]} MB, 초당 ${m[5]} MB)`;
  }
  if ((m = DOWNLOADING_UNKNOWN.exec(reason))) return `${what} 모델 내려받는 중: ${m[1]} (${m[2]} MB, 초당 ${m[3]} MB)`;
  if ((m = WAITING.exec(reason))) return `${what} 모델 내려받기를 기다리는 중: ${m[1]}`;
  if ((m = VERIFYING.exec(reason))) return `${what} 모델 확인 중: ${m[1]}`;
  if ((m = FAILED.exec(reason))) return `${what} 모델을 내려받지 못했어요: ${m[1]} (${m[2]})`;
  if ((m = MISSING.exec(reason))) {
    return `${what} 모델 파일이 없어요: ${m[1]}. 서버에서 \`bin/storyvox models pull\`로 내려받아 주세요.`;
  }
  if (state === 'LOADING') return `${what} 모델을 불러오는 중이에요.`;
  return null;
}

/** Polls /ready every few seconds until every engine is ready, showing the model lines in #model-status. */
export function initModelStatus() {
  const box = document.getElementById('model-status');
  if (!box) return;
  const poll = async () => {
    let lines = [];
    try {
      const response = await fetch('/ready', { headers: { Accept: 'application/json' } });
      const body = await response.json();
      const narration = document.querySelector('input[name="tts_enabled"]')?.closest('label');
      if (narration) narration.hidden = body.capabilities?.tts?.state === 'DISABLED';
      lines = Object.entries(ENGINES)
        .map(([engine]) => body.capabilities?.[engine])
        .map((cap, i) => cap && cap.state !== 'READY'
          ? describeModel(Object.keys(ENGINES)[i], cap.state, cap.reason ?? '') : null)
        .filter(Boolean);
    } catch {
      lines = [];
    }
    box.replaceChildren(...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
    box.hidden = lines.length === 0;
    if (lines.length > 0) setTimeout(poll, 3000);
  };
  poll();
}
