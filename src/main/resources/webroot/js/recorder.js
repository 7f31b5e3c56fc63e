// Microphone recording with MediaRecorder.

const MAX_SECONDS = 60;

/** Records one clip at a time from the microphone; stops by itself after a minute and calls `onLimit(clip)`. */
export class Recorder {
  #onLimit;
  #recorder = null;
  #chunks = [];
  #timer = 0;
  #done = null;

  constructor({ onLimit = () => {} } = {}) {
    this.#onLimit = onLimit;
  }

  get recording() {
    return this.#recorder !== null;
  }

  /** Asks for the microphone and starts recording; resolves once recording has begun. */
  async start() {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      throw Object.assign(new Error('no recorder'), { code: 'NO_RECORDER' });
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true }).catch((e) => {
      throw Object.assign(e, { code: e.name === 'NotAllowedError' ? 'MIC_DENIED' : 'NO_MIC' });
    });
    const recorder = new MediaRecorder(stream);
    this.#chunks = [];
    this.#recorder = recorder;
    recorder.addEventListener('dataavailable', (e) => e.data.size && this.#chunks.push(e.data));
    const finished = new Promise((resolve) => {
      recorder.addEventListener('stop', () => {
        stream.getTracks().forEach((track) => track.stop());
        resolve(new Blob(this.#chunks, { type: recorder.mimeType || 'audio/webm' }));
      }, { once: true });
    });
    recorder.start();
    this.#timer = setTimeout(() => this.stop().then(this.#onLimit), MAX_SECONDS * 1000);
    this.#done = finished;
  }

  /** Stops the recording in progress; answers the clip (a Blob). */
  stop() {
    clearTimeout(this.#timer);
    const recorder = this.#recorder;
    this.#recorder = null;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    return this.#done;
  }
}

/** Korean advice for a recording failure. */
export function explainRecording(error) {
  switch (error?.code) {
    case 'MIC_DENIED': return '마이크 사용을 허락해 주세요. 주소창 옆 자물쇠 버튼에서 바꿀 수 있어요.';
    case 'NO_RECORDER': return '이 브라우저는 녹음을 지원하지 않아요. 글로 써 주세요.';
    default: return '마이크를 찾을 수 없어요. 마이크가 연결되어 있는지 확인해 주세요.';
  }
}

/** A file name with the extension the server expects for a recorded Blob. */
export function clipName(blob) {
  const type = blob.type || '';
  if (type.includes('ogg')) return 'recording.ogg';
  if (type.includes('mp4')) return 'recording.m4a';
  if (type.includes('wav')) return 'recording.wav';
  return 'recording.webm';
}
