package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopMatcherTest {

  @Test
  void stopSplitAcrossPiecesEndsTheTextBeforeIt() {
    StopMatcher stops = new StopMatcher(List.of("\n\n"));
    assertEquals("Hello", stops.accept("Hello\n"));
    assertFalse(stops.matched());
    assertEquals("", stops.accept("\nWorld"));
    assertTrue(stops.matched());
  }

  @Test
  void heldBackPrefixIsReleasedWhenItDoesNotBecomeAStop() {
    StopMatcher stops = new StopMatcher(List.of("END"));
    assertEquals("the ", stops.accept("the EN"));
    assertEquals("ENd", stops.accept("d"));
    assertEquals("E", stops.accept("E") + stops.flush());
    assertFalse(stops.matched());
  }

  @Test
  void earliestOfSeveralStopsWins() {
    StopMatcher stops = new StopMatcher(List.of("b", "a"));
    assertEquals("x", stops.accept("xab"));
    assertTrue(stops.matched());
  }

  @Test
  void withoutStopsEverythingIsReleasedAtOnce() {
    StopMatcher stops = new StopMatcher(List.of());
    assertEquals("a\n\nb", stops.accept("a\n\nb"));
    assertEquals("", stops.flush());
  }
}
