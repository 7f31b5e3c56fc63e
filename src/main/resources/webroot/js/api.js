// Calls to the storyvox API and the plain-Korean explanation of its errors.

/** A failed API call: the HTTP status, the error code when the server gave one, and its message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

const ADVICE = {
  INVALID_REQUEST: '입력한 내용을 다시 확인해 주세요.',
  UNSUPPORTED_FORMAT: '지원하지 않는 파일이에요. wav, mp3, m4a, ogg, webm, flac 소리 파일을 올려 주세요.',
  PAYLOAD_TOO_LARGE: '파일이 너무 커요. 더 짧게 녹음해 주세요.',
  UNAUTHORIZED: '이 서버는 인증이 필요해요. 관리자에게 문의해 주세요.',
  NOT_FOUND: '찾을 수 없어요. 목록을 새로 고쳐 주세요.',
  TASK_NOT_FOUND: '제출한 설명을 찾을 수 없어요. 다시 제출해 주세요.',
  DUPLICATE_ATTEMPT: '이미 채점 중이에요. 잠시 기다려 주세요.',
  BUSY: '지금 요청이 많아요. 잠시 뒤에 다시 해 주세요.',
  RATE_LIMITED: '지금 요청이 많아요. 잠시 뒤에 다시 해 주세요.',
  MODEL_UNAVAILABLE: 'AI 모델이 아직 준비되지 않았어요. 잠시 뒤에 다시 해 주세요.',
  UNAVAILABLE: '서버가 잠시 쉬고 있어요. 잠시 뒤에 다시 해 주세요.',
  TIMEOUT: '시간이 너무 오래 걸렸어요. 다시 해 주세요.',
  STT_FAILURE: '말소리를 알아듣지 못했어요. 조용한 곳에서 또박또박 다시 말해 주세요.',
  LLM_FAILURE: '글을 만들지 못했어요. 다시 해 주세요.',
  COMFYUI_FAILURE: '그림을 그리지 못했어요. 다시 만들어 주세요.',
  TTS_FAILURE: '목소리를 만들지 못했어요. 목소리 없이 만들거나 다시 해 주세요.',
  NETWORK: '서버에 연결할 수 없어요. 인터넷 연결을 확인하고 다시 해 주세요.',
};

/** One Korean sentence for the user: what went wrong and what to do. */
export function explain(error) {
  if (error instanceof ApiError) {
    const advice = ADVICE[error.code] ?? ADVICE[codeForStatus(error.status)];
    if (advice) return advice;
  }
  if (error?.code && ADVICE[error.code]) return ADVICE[error.code];
  return '문제가 생겼어요. 잠시 뒤에 다시 해 주세요.';
}

function codeForStatus(status) {
  if (status === 0) return 'NETWORK';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'BUSY';
  if (status === 503) return 'UNAVAILABLE';
  if (status === 504) return 'TIMEOUT';
  if (status >= 400 && status < 500) return 'INVALID_REQUEST';
  return undefined;
}

/** Sends a request and answers its JSON body; throws ApiError for any failure. */
export async function request(path, { method = 'GET', json, form } = {}) {
  const options = { method, headers: { accept: 'application/json' } };
  if (json !== undefined) {
    options.headers['content-type'] = 'application/json';
    options.body = JSON.stringify(json);
  } else if (form) {
    options.body = form;
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || body?.success === false) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, normalise(error.code), error.message);
  }
  return body && 'success' in body ? body.data : body;
}

function normalise(code) {
  return typeof code === 'string' ? code.toUpperCase() : undefined;
}
