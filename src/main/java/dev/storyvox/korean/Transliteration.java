package dev.storyvox.korean;

import java.util.List;
import java.util.Locale;

/**
 * Whether a Hangul word is how Korean writes an English word (스택 = Stack, 쓰레드 = Thread, 데이터 = Data).
 * Both are reduced to a sound skeleton: consonant classes in order (K: c k q g; T: d t; P: b p f v ph; S: s z
 * j ch sh th and soft c/g, ㅅ ㅆ ㅈ ㅊ; R: l r, with an r before no vowel silent as in Korean loans; M; N: n ng ㅇ
 * as a final; H), a class repeated without a vowel between merged (ss, 스택's 스), and the number of vowel sounds, leaving out the vowels Korean adds to
 * consonant clusters (ㅡ in 스택, 시 at the end of 캐시) and the second half of a diphthong (이 in 데이터).
 * Two words match when their consonant classes agree and their vowel counts do (within one for skeletons
 * longer than three); a skeleton of one consonant class matches only between words of one vowel (큐 = Queue).
 * An all-capital acronym matches its letters read one by one (티씨피 = TCP, 아이피 = IP). A Hangul word with a
 * final consonant that loanwords are never written with (탔, 좋) is no loanword and matches nothing.
 */
public final class Transliteration {

  private static final char FIRST = '가';
  private static final String INITIALS = "KKNTTRMPPSSXSSSKTPH";
  private static final String FINALS = "_KKKNNNTRKMPRRPRMPPTTNTTKTPT";
  private static final int MEDIALS = 21;
  private static final int FINAL_COUNT = 28;
  private static final int EU = 18;
  private static final int I = 20;
  private static final int LONG_SKELETON = 3;
  private static final int MAX_ACRONYM = 6;
  /** The finals loanwords are written with (외래어 표기법 제3항: ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ), by final index. */
  private static final List<Integer> LOAN_FINALS = List.of(0, 1, 4, 8, 16, 17, 19, 21);
  private static final String[] LETTER_NAMES = {
      "에이/에", "비/삐", "씨/시", "디", "이", "에프", "지/쥐", "에이치/에치", "아이", "제이", "케이", "엘", "엠", "엔", "오",
      "피", "큐", "알", "에스", "티", "유", "브이", "더블유", "엑스", "와이", "지/제트"};

  /** A word's sound skeleton: its consonant classes and its number of vowel sounds. */
  record Skeleton(String consonants, int vowels) {

    boolean matches(Skeleton other) {
      int slack = consonants.length() > LONG_SKELETON ? 1 : 0;
      boolean syllable = vowels == 1 && other.vowels == 1;
      return (consonants.length() > 1 || syllable) && !consonants.isEmpty() && consonants.equals(other.consonants)
          && Math.abs(vowels - other.vowels) <= slack;
    }
  }

  private Transliteration() {
  }

  /** Whether {@code hangul} spells {@code latin} (spaces ignored in both). */
  public static boolean matches(String hangul, String latin) {
    String korean = hangul.replace(" ", "");
    String english = latin.replace(" ", "").toLowerCase(Locale.ROOT);
    if (korean.isEmpty() || english.isEmpty() || !korean.chars().allMatch(c -> Hangul.isSyllable((char) c))
        || !english.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return false;
    }
    if (!korean.chars().allMatch(c -> LOAN_FINALS.indexOf((c - FIRST) % FINAL_COUNT) >= 0)) {
      return false;
    }
    boolean acronym = latin.length() <= MAX_ACRONYM && latin.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    return acronym ? spellsLetters(korean, latin) : ofHangul(korean).matches(ofLatin(english));
  }

  /** Whether {@code korean} reads the letters of {@code acronym} one by one (티씨피 = TCP, 아이피 = IP). */
  private static boolean spellsLetters(String korean, String acronym) {
    if (acronym.isEmpty()) {
      return korean.isEmpty();
    }
    for (String name : LETTER_NAMES[acronym.charAt(0) - 'A'].split("/")) {
      if (korean.startsWith(name) && spellsLetters(korean.substring(name.length()), acronym.substring(1))) {
        return true;
      }
    }
    return false;
  }

  static Skeleton ofHangul(String word) {
    StringBuilder classes = new StringBuilder();
    int vowels = 0;
    boolean previousOpen = false;
    boolean merge = false;
    for (int i = 0; i < word.length(); i++) {
      int index = word.charAt(i) - FIRST;
      int initial = index / (MEDIALS * FINAL_COUNT);
      int medial = index % (MEDIALS * FINAL_COUNT) / FINAL_COUNT;
      int last = index % FINAL_COUNT;
      char initialClass = INITIALS.charAt(initial);
      if (initialClass != 'X') {
        add(classes, initialClass, merge);
      }
      boolean glide = initialClass == 'X' && previousOpen;
      boolean epenthetic = medial == EU
          || medial == I && last == 0 && i == word.length() - 1 && initialClass == 'S' && i > 0;
      if (!glide && !epenthetic) {
        vowels++;
      }
      merge = epenthetic;
      if (last != 0) {
        add(classes, FINALS.charAt(last), false);
        merge = true;
      }
      previousOpen = last == 0;
    }
    return new Skeleton(classes.toString(), vowels);
  }

  static Skeleton ofLatin(String word) {
    StringBuilder classes = new StringBuilder();
    int vowels = 0;
    boolean inVowel = false;
    boolean merge = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      char next = i + 1 < word.length() ? word.charAt(i + 1) : ' ';
      boolean vowel = isVowel(c) || c == 'y' && i > 0 && !isVowel(next);
      if (vowel) {
        boolean silentE = c == 'e' && i == word.length() - 1 && i > 0 && !inVowel;
        if (!inVowel && !silentE) {
          vowels++;
        }
        inVowel = true;
        merge = false;
        continue;
      }
      inVowel = false;
      char sound = consonant(word, i);
      if (sound == '2') {
        i++;
        add(classes, digraph(c, next), merge);
      } else if (sound == 'x') {
        add(classes, 'K', merge);
        add(classes, 'S', true);
      } else {
        add(classes, sound, merge);
      }
      merge = merge || sound != '_';
    }
    return new Skeleton(classes.toString(), vowels);
  }

  /** The class of the consonant at {@code i}; '2' for a two-letter sound, '_' for a silent letter. */
  private static char consonant(String word, int i) {
    char c = word.charAt(i);
    char next = i + 1 < word.length() ? word.charAt(i + 1) : ' ';
    char after = i + 2 < word.length() ? word.charAt(i + 2) : ' ';
    if (next == 'h' && "ptscg".indexOf(c) >= 0 || c == 'c' && next == 'k' || c == 'q' && next == 'u') {
      return '2';
    }
    return switch (c) {
      case 'k', 'q' -> 'K';
      case 'c' -> "eiy".indexOf(next) >= 0 ? 'S' : 'K';
      case 'g' -> "eiy".indexOf(next) >= 0 ? 'S' : i > 0 && word.charAt(i - 1) == 'n' && !isVowel(next) ? '_' : 'K';
      case 'd' -> 'T';
      case 't' -> next == 'i' && isVowel(after) ? 'S' : 'T';
      case 'b', 'p', 'f', 'v' -> 'P';
      case 's', 'z', 'j' -> 'S';
      case 'x' -> 'x';
      case 'l' -> 'R';
      case 'r' -> (isVowel(next) || next == 'y') && !(next == 'e' && i + 2 == word.length()) ? 'R' : '_';
      case 'm' -> 'M';
      case 'n' -> 'N';
      case 'h' -> 'H';
      default -> '_';
    };
  }

  private static char digraph(char c, char next) {
    if (next == 'h') {
      return switch (c) {
        case 'p' -> 'P';
        case 'g' -> '_';
        default -> 'S';
      };
    }
    return 'K';
  }

  private static void add(StringBuilder classes, char sound, boolean merge) {
    if (sound != '_' && (!merge || classes.isEmpty() || classes.charAt(classes.length() - 1) != sound)) {
      classes.append(sound);
    }
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}
