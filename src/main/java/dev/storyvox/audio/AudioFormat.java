package dev.storyvox.audio;

/** The audio containers (and, for Ogg, codecs) the decoder accepts, as recognised by {@link AudioSniffer}. */
public enum AudioFormat {
  WAV("wav"),
  MP3("mp3"),
  MP4("m4a"),
  AAC("aac"),
  OGG_VORBIS("ogg/vorbis"),
  OGG_OPUS("ogg/opus"),
  WEBM("webm"),
  FLAC("flac"),
  ASF("wma");

  private final String label;

  AudioFormat(String label) {
    this.label = label;
  }

  /** The short name clients see, e.g. {@code "ogg/opus"}. */
  public String label() {
    return label;
  }
}
