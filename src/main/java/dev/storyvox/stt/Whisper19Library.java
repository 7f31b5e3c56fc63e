package dev.storyvox.stt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whisper.cpp 1.9.x library, loaded once per JVM and file: {@code index.node} of npm
 * {@code @fugood/node-whisper-*} (whose Node-API symbols stay unresolved and are never called) or a
 * {@code libwhisper.so} of one's own build. It is opened with {@code RTLD_LAZY} and without
 * {@code RTLD_GLOBAL}, so its ggml stays out of the global symbol scope. Before first use the library must
 * report a 1.9 version ({@code whisper_version()}) and its parameter structs, read through the Java mirrors,
 * must hold whisper.cpp 1.9's defaults at every field storyvox sets or relies on; otherwise it is refused.
 */
final class Whisper19Library {
  private static final Logger LOG = LoggerFactory.getLogger(Whisper19Library.class);
  private static final Logger NATIVE_LOG = LoggerFactory.getLogger("whisper.cpp");
  private static final int RTLD_LAZY_LOCAL = 1;
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Map<Path, Whisper19Binding> LOADED = new HashMap<>();
  /** whisper.cpp's log, routed to SLF4J; held so the callback is never collected. */
  private static final LogCallback LOG_CALLBACK = (level, text, user) -> {
    if (text != null) {
      NATIVE_LOG.debug(text.getString(0, "UTF-8").strip());
    }
  };

  private Whisper19Library() {
  }

  /** {@code ggml_log_callback}. */
  interface LogCallback extends Callback {
    void invoke(int level, Pointer text, Pointer userData);
  }

  /** The one call of whisper.h bound apart: routing the log. */
  interface LogApi extends Library {
    void whisper_log_set(LogCallback callback, Pointer userData);
  }

  /** The whisper.cpp library in {@code folder}: {@code index.node}, else a {@code libwhisper.so*}; null when none. */
  static Path libraryIn(Path folder) {
    Path node = folder.resolve("index.node");
    if (Files.isRegularFile(node)) {
      return node;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("libwhisper.so"))
          .min(Comparator.comparingInt((Path f) -> f.getFileName().toString().length())).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Loads and checks {@code library}.
   *
   * @throws IllegalStateException naming the file and why it is refused: it does not load, reports no or
   *     another version than 1.9, or its structs do not match the mirrors
   */
  static synchronized Whisper19Binding load(Path library) {
    Path file = library.toAbsolutePath().normalize();
    Whisper19Binding loaded = LOADED.get(file);
    if (loaded != null) {
      return loaded;
    }
    Whisper19CApi api;
    try {
      api = Native.load(file.toString(), Whisper19CApi.class, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL));
      Native.load(file.toString(), LogApi.class, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL))
          .whisper_log_set(LOG_CALLBACK, null);
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException(file + " does not load as a whisper.cpp library: " + e.getMessage(), e);
    }
    String version = version(api, file);
    checkLayout(api, file);
    Whisper19Binding binding = new Whisper19Binding(api, "whisper.cpp " + version + " (" + origin(file) + ")");
    LOG.info("{} loaded from {}: {}", binding.engine(), file, binding.systemInfo());
    LOADED.put(file, binding);
    return binding;
  }

  /** The version {@code whisper_version()} reports, which must be 1.9.x. */
  static String version(Whisper19CApi api, Path file) {
    String version;
    try {
      version = api.whisper_version().getString(0, "UTF-8").strip();
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException(file + " exports no whisper_version(): a whisper.cpp older than 1.9, "
          + "whose whisper_full_params differ from the 1.9 mirror", e);
    }
    Matcher m = VERSION.matcher(version);
    if (!m.find() || !"1".equals(m.group(1)) || !"9".equals(m.group(2))) {
      throw new IllegalStateException(file + " reports whisper.cpp " + version
          + "; this storyvox mirrors whisper.h of 1.9.x only");
    }
    return version;
  }

  /**
   * Fails unless the library's defaults read through {@link Whisper19FullParams} and
   * {@link WhisperCContextParams} are whisper.cpp 1.9's, naming every field that differs.
   */
  static void checkLayout(Whisper19CApi api, Path file) {
    List<String> wrong = mismatches(api.whisper_full_default_params(WhisperCFullParams.GREEDY),
        api.whisper_full_default_params(WhisperCFullParams.BEAM_SEARCH), api.whisper_context_default_params());
    if (!wrong.isEmpty()) {
      LOG.error("{}: parameter structs differ from whisper.cpp 1.9's at {}", file, wrong);
      throw new IllegalStateException(file + ": whisper_full_params/whisper_context_params do not match "
          + "whisper.cpp 1.9's layout (defaults differ at " + String.join(", ", wrong) + ")");
    }
  }

  /**
   * The fields whose defaults are not whisper.cpp 1.9's, empty when the layout matches. The default
   * language pointer is read only when everything else matched, as a shifted layout would put another
   * field's bytes there.
   */
  static List<String> mismatches(Whisper19FullParams greedy, Whisper19FullParams beam, WhisperCContextParams ctx) {
    List<String> wrong = new ArrayList<>();
    expect(wrong, "strategy", greedy.strategy == WhisperCFullParams.GREEDY
        && beam.strategy == WhisperCFullParams.BEAM_SEARCH);
    expect(wrong, "n_max_text_ctx", greedy.nMaxTextCtx == 16384 && greedy.offsetMs == 0 && greedy.durationMs == 0);
    expect(wrong, "flags", greedy.translate == 0 && greedy.noContext == 1 && greedy.noTimestamps == 0
        && greedy.singleSegment == 0 && greedy.printProgress == 1 && greedy.printTimestamps == 1);
    expect(wrong, "thold_pt", greedy.tholdPt == 0.01f && greedy.tholdPtsum == 0.01f && greedy.maxLen == 0);
    expect(wrong, "initial_prompt", greedy.initialPrompt == null && greedy.carryInitialPrompt == 0
        && greedy.promptTokens == null && greedy.promptNTokens == 0);
    expect(wrong, "suppress_blank", greedy.suppressBlank == 1 && greedy.suppressNst == 0);
    expect(wrong, "temperature", greedy.temperature == 0f && greedy.maxInitialTs == 1.0f
        && greedy.lengthPenalty == -1.0f && greedy.temperatureInc == 0.2f && greedy.entropyThold == 2.4f
        && greedy.logprobThold == -1.0f);
    expect(wrong, "no_speech_thold", greedy.noSpeechThold == 0.6f);
    expect(wrong, "greedy/beam_search", greedy.greedyBestOf == 5 && greedy.beamSearchBeamSize == -1
        && beam.beamSearchBeamSize == 5 && beam.greedyBestOf == -1 && greedy.beamSearchPatience == -1.0f);
    expect(wrong, "callbacks", greedy.newSegmentCallback == null && greedy.abortCallback == null
        && greedy.logitsFilterCallback == null && greedy.grammarRules == null && greedy.nGrammarRules == 0);
    expect(wrong, "grammar_penalty", greedy.grammarPenalty == 100.0f);
    expect(wrong, "vad", greedy.vad == 0 && greedy.vadModelPath == null);
    expect(wrong, "vad_params", greedy.vadThreshold == 0.5f && greedy.vadMinSpeechDurationMs == 250
        && greedy.vadMinSilenceDurationMs == 100 && greedy.vadMaxSpeechDurationS == Float.MAX_VALUE
        && greedy.vadSpeechPadMs == 30 && greedy.vadSamplesOverlap == 0.1f);
    expect(wrong, "context_params", ctx.useGpu == 1 && ctx.flashAttn == 1 && ctx.gpuDevice == 0
        && ctx.dtwNTop == -1 && ctx.dtwAheadsNHeads == 0 && ctx.dtwMemSize == 128L << 20);
    if (wrong.isEmpty()) {
      expect(wrong, "language", greedy.language != null && "en".equals(greedy.language.getString(0, "UTF-8"))
          && greedy.detectLanguage == 0);
    }
    return wrong;
  }

  private static void expect(List<String> wrong, String field, boolean ok) {
    if (!ok) {
      wrong.add(field);
    }
  }

  /** {@code npm <package>@<version>, <variant>} from the folder's package.json, else the file. */
  static String origin(Path file) {
    Path folder = file.getParent();
    Path manifest = folder.resolve("package.json");
    String variant = folder.getFileName().toString().replaceFirst("^whisper-", "");
    try {
      JsonObject json = new JsonObject(Files.readString(manifest));
      return "npm " + json.getString("name") + "@" + json.getString("version") + ", " + variant;
    } catch (IOException | RuntimeException e) {
      return file.toString();
    }
  }
}
