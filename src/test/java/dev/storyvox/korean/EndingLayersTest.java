package dev.storyvox.korean;

import static dev.storyvox.korean.Ending.afterConsonant;
import static dev.storyvox.korean.Ending.any;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.korean.EndingLayers.Layer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndingLayersTest {

  private static final EndingLayers LAYERS = new EndingLayers(List.of(
      new Layer(List.of(afterConsonant("이요"), any("요")), true, Set.of()),
      new Layer(Particles.with(Particles.JOINING), false, Set.of("로", "으로"))),
      new NounShapes(Set.of("사랑", "동요"), Set.of("쟁이", "북이", "랑이")));

  @ParameterizedTest(name = "{0} (framed {1}) → {2}")
  @CsvSource({
      "우주에서요, false, 우주",
      "뽀로로랑, false, 뽀로로",
      "뽀로로, false, 뽀로로",
      "뽀로로요, false, 뽀로로",
      "뽀로로로, true, 뽀로로",
      "숲으로, true, 숲",
      "숲으로, false, 숲으로",
      "타요, false, 타요",
      "바다요, false, 바다",
      "숲이요, false, 숲",
      "난쟁이, false, 난쟁이",
      "난쟁이랑, false, 난쟁이",
      "거북이랑, false, 거북이",
      "호랑이요, false, 호랑이",
      "사랑, false, 사랑",
      "사랑이요, false, 사랑",
      "천사랑, false, 천사",
      "동요, false, 동요",
      "공룡이, false, 공룡"})
  void stripsEachLayerOnceAndKeepsNounsWhole(String word, boolean framed, String stem) {
    assertEquals(stem, LAYERS.stem(word, framed));
  }
}
