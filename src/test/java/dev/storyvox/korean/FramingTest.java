package dev.storyvox.korean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

  @Test
  void anAttachedFramingComesOffTheLastWordSpacedEitherWay() {
    Framing wish = Framing.attached("하고 싶어요");
    assertEquals("그림", wish.strip("그림하고싶어요"));
    assertEquals("그림", wish.strip("그림 하고 싶어요"));
    assertEquals("수영을", wish.strip("수영을 하고싶어요"));
    assertEquals("그림이 좋아요", wish.strip("그림이 좋아요"));
  }

  @Test
  void aDetachedFramingMustStandAsItsOwnWord() {
    Framing please = Framing.detached("해 주세요");
    assertEquals("산으로", please.strip("산으로 해주세요"));
    assertEquals("남해주세요", please.strip("남해주세요"));
    assertEquals("남해", Framing.detached("해").strip("남해"));
  }

  @Test
  void aFramingAloneIsKept() {
    assertEquals("해 주세요", Framing.detached("해 주세요").strip("해 주세요"));
    assertEquals("좋아요", Framing.attached("좋아요").strip("좋아요"));
  }

  @Test
  void longestFirstOrdersAllTablesByLengthWithoutSpaces() {
    List<Framing> ordered = Framing.longestFirst(
        List.of(Framing.attached("때"), Framing.attached("좋을 것 같아")), List.of(Framing.detached("해 줘")));
    assertEquals(List.of("좋을 것 같아", "해 줘", "때"), ordered.stream().map(Framing::toString).toList());
  }
}
