package dev.storyvox.stt;

/**
 * A transcription asked of {@code Addresses.STT_TRANSCRIBE}: audio given as bytes or as a URL to fetch,
 * and the caller's options. Beam size and no-speech threshold come from {@code stt.*} configuration.
 *
 * @param audio the uploaded file, or {@code null} when {@code audioUrl} is given
 * @param audioUrl an http(s) URL of the audio, or {@code null} when {@code audio} is given
 * @param language an ISO 639-1 code, {@code auto} to detect, or {@code null} for {@code stt.language}
 * @param prompt text the decoder is primed with, or {@code null}
 * @param temperature the sampling temperature in [0, 1]
 * @param translate translate to English (whisper's translate task) instead of transcribing
 * @param words time every word (whisper.cpp's token timestamps) into {@link Transcript#words()}
 */
public record SttRequest(byte[] audio, String audioUrl, String language, String prompt, float temperature,
                         boolean translate, boolean words) {
  public SttRequest {
    if ((audio == null) == (audioUrl == null)) {
      throw new IllegalArgumentException("exactly one of audio and audioUrl must be given");
    }
  }

  /** A transcription (no translation, no word timings). */
  public SttRequest(byte[] audio, String audioUrl, String language, String prompt, float temperature) {
    this(audio, audioUrl, language, prompt, temperature, false, false);
  }

  /** Audio at a URL, decoded greedily at temperature 0. */
  public static SttRequest ofUrl(String audioUrl, String language) {
    return new SttRequest(null, audioUrl, language, null, 0f);
  }

  /** Uploaded audio, decoded greedily at temperature 0. */
  public static SttRequest ofAudio(byte[] audio, String language) {
    return new SttRequest(audio, null, language, null, 0f);
  }
}
