package dev.storyvox.korean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndingStripperTest {

  private static final EndingStripper NOUNS = new EndingStripper(Particles.NOUN, Set.of("목걸이"));

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "책상이, 책상",
      "나무가, 나무",
      "나무이, 나무이",
      "책상가, 책상가",
      "연필로, 연필",
      "연필으로, 연필",
      "가방으로, 가방",
      "가방로, 가방로",
      "의자를, 의자",
      "구름을, 구름",
      "교실에게, 교실",
      "laptop이, laptop",
      "laptop가, laptop",
      "이, 이",
      "목걸이, 목걸이",
      "목걸이를, 목걸이",
      "시계, 시계"})
  void stripsTheParticleTheSyllableBeforeItTakes(String word, String stem) {
    assertEquals(stem, NOUNS.stripOnce(word));
  }

  @Test
  void stripOnceTakesTheLongestEndingOnly() {
    assertEquals("학교에서", NOUNS.stripOnce("학교에서는"));
    assertEquals("기차", NOUNS.stripOnce("기차처럼"));
  }

  @Test
  void stripAllTakesEveryStackedEnding() {
    assertEquals("학교", NOUNS.stripAll("학교에서는"));
    assertEquals("목걸이", NOUNS.stripAll("목걸이처럼은"));
  }

  @Test
  void aProtectedNounIsCutWithoutProtection() {
    assertEquals("목걸", new EndingStripper(Particles.NOUN, Set.of()).stripOnce("목걸이"));
  }

  @Test
  void joiningParticlesEndOneNounBeforeTheNext() {
    EndingStripper joining = new EndingStripper(Particles.JOINING, Set.of());
    assertEquals("사자", joining.stripOnce("사자랑"));
    assertEquals("기린", joining.stripOnce("기린이랑"));
    assertEquals("기린", joining.stripOnce("기린과"));
    assertEquals("여우", joining.stripOnce("여우와"));
    assertEquals("아저씨", joining.stripOnce("아저씨하고"));
    assertEquals("기린을", joining.stripOnce("기린을"));
  }

  @Test
  void withAddsATablesEndingsOnce() {
    List<Ending> spoken = Particles.with(Particles.JOINING, List.of(Ending.any("요")));
    assertEquals(Particles.NOUN.size() + 3, spoken.size());
    assertEquals("토마토", new EndingStripper(spoken, Set.of()).stripAll("토마토랑요"));
  }

  @Test
  void anEndingNeedsText() {
    assertThrows(IllegalArgumentException.class, () -> Ending.any(""));
  }
}
