package dev.storyvox.korean;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Strips the endings that close a Korean word layer by layer, outermost first, and at most one ending of
 * each layer: 우주에서요 is 우주 + 에서 (particle) + 요 (sentence ending), so nothing that is left is ever
 * stripped again (뽀로로랑 → 뽀로로, never 뽀). Within a layer the longest ending that fits wins, unless it
 * would cut into a protected noun ({@link NounShapes}: 거북이랑 → 거북이, 난쟁이 → 난쟁이). Two guards keep
 * names whole: an ending of a {@link Layer#guarded() guarded} layer (요, 야) never leaves a single open
 * syllable (타요 stays 타요, 바다요 is 바다), and a {@link Layer#framedOnly() framed-only} ending (로 of
 * "…로 해 주세요") is stripped only when framing followed the word (뽀로로요 is 뽀로로, 뽀로로로 해 주세요 too).
 */
public final class EndingLayers {

  /**
   * One layer of endings.
   *
   * @param endings the endings of this layer
   * @param guarded whether stripping may not leave a single syllable without a final consonant
   * @param framedOnly endings stripped only when framing followed the word
   */
  public record Layer(List<Ending> endings, boolean guarded, Set<String> framedOnly) {

    public Layer {
      endings = endings.stream()
          .distinct()
          .sorted(Comparator.comparingInt((Ending e) -> e.text().length()).reversed())
          .toList();
      framedOnly = Set.copyOf(framedOnly);
    }
  }

  private final List<Layer> layers;
  private final NounShapes shapes;

  /** Layers in order from the outermost (sentence endings) to the innermost (case particles). */
  public EndingLayers(List<Layer> layers, NounShapes shapes) {
    this.layers = List.copyOf(layers);
    this.shapes = shapes;
  }

  /** The stem of {@code word}; {@code framed} says whether framing after the word was already removed. */
  public String stem(String word, boolean framed) {
    String current = word;
    for (Layer layer : layers) {
      current = stripOne(current, layer, framed);
    }
    return current;
  }

  private String stripOne(String word, Layer layer, boolean framed) {
    for (Ending ending : layer.endings()) {
      if (!ending.closes(word) || !framed && layer.framedOnly().contains(ending.text())) {
        continue;
      }
      int cut = word.length() - ending.text().length();
      boolean openSyllable = cut == 1 && Hangul.isSyllable(word.charAt(0)) && !Hangul.hasFinalConsonant(word.charAt(0));
      if (shapes.cutsInto(word, cut) || layer.guarded() && openSyllable) {
        continue;
      }
      return word.substring(0, cut);
    }
    return word;
  }
}
