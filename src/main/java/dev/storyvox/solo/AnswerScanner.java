package dev.storyvox.solo;

import dev.storyvox.korean.Words;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a model answer into words, keeping what each word carries in parentheses and whether
 * punctuation ends the word's phrase. "프로세스(Process)란" is one word, 프로세스란, carrying "Process".
 */
final class AnswerScanner {

  /**
   * One word of the answer.
   *
   * @param word the word with its particles, without the parenthesised part
   * @param parenthesised what followed it in parentheses, or {@code null}
   * @param endsPhrase whether punctuation follows it
   */
  record Piece(String word, String parenthesised, boolean endsPhrase) {
  }

  private final String text;
  private final List<Piece> pieces = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private String parenthesised;

  private AnswerScanner(String text) {
    this.text = Words.normalize(text);
  }

  /** The words of {@code text} in order. */
  static List<Piece> scan(String text) {
    AnswerScanner scanner = new AnswerScanner(text);
    scanner.run();
    return List.copyOf(scanner.pieces);
  }

  private void run() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        int close = text.indexOf(')', i);
        int end = close < 0 ? text.length() : close;
        parenthesised = text.substring(i + 1, end).trim();
        i = end;
        if (word.isEmpty() && !pieces.isEmpty()) {
          Piece last = pieces.remove(pieces.size() - 1);
          pieces.add(new Piece(last.word(), parenthesised, last.endsPhrase()));
          parenthesised = null;
        }
      } else if (isWordChar(i)) {
        word.append(c);
      } else {
        emit(!Character.isWhitespace(c));
      }
    }
    emit(true);
  }

  private boolean isWordChar(int i) {
    char c = text.charAt(i);
    if (Character.isLetterOrDigit(c) || c == '+' || c == '#') {
      return true;
    }
    boolean joiner = c == '.' || c == '-' || c == '_' || c == '/';
    return joiner && i > 0 && i + 1 < text.length() && Words.isAsciiLetterOrDigit(text.charAt(i - 1))
        && Words.isAsciiLetterOrDigit(text.charAt(i + 1));
  }

  private void emit(boolean endsPhrase) {
    if (!word.isEmpty() || parenthesised != null) {
      pieces.add(new Piece(word.toString(), parenthesised, endsPhrase));
    } else if (endsPhrase && !pieces.isEmpty()) {
      Piece last = pieces.remove(pieces.size() - 1);
      pieces.add(new Piece(last.word(), last.parenthesised(), true));
    }
    word.setLength(0);
    parenthesised = null;
  }
}
