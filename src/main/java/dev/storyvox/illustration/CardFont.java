package dev.storyvox.illustration;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font illustration cards are set in: the first installed family that can draw Korean (Nanum or Noto
 * CJK preferred, then any family that displays {@value #PROBE}). Without one, cards fall back to the JDK's
 * sans-serif with a warning naming the Debian packages to install.
 */
final class CardFont {

  static final String PROBE = "토끼";
  private static final Logger LOG = LoggerFactory.getLogger(CardFont.class);
  private static final List<String> PREFERRED = List.of("NanumBarunGothic", "NanumGothic", "Noto Sans CJK KR",
      "Noto Sans KR", "NanumSquare", "NanumMyeongjo", "Noto Serif CJK KR");
  private static final String FAMILY = find();

  private CardFont() {
  }

  /** The chosen family at {@code size} points, bold when asked. */
  static Font of(float size, boolean bold) {
    return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
  }

  /** Whether a Korean-capable family was found. */
  static boolean korean() {
    return new Font(FAMILY, Font.PLAIN, 12).canDisplayUpTo(PROBE) == -1;
  }

  private static String find() {
    List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames());
    Optional<String> family = PREFERRED.stream().filter(installed::contains).filter(CardFont::drawsKorean).findFirst()
        .or(() -> installed.stream().filter(CardFont::drawsKorean).findFirst());
    if (family.isEmpty()) {
      LOG.warn("no installed font can draw Korean; illustration cards will show boxes "
          + "(install one: apt-get install fonts-nanum, or fonts-noto-cjk)");
      return Font.SANS_SERIF;
    }
    LOG.info("illustration cards use font {}", family.get());
    return family.get();
  }

  private static boolean drawsKorean(String family) {
    return new Font(family, Font.PLAIN, 12).canDisplayUpTo(PROBE) == -1;
  }
}
