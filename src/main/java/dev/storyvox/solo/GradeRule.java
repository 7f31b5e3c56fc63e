package dev.storyvox.solo;

import java.util.List;

/**
 * How the model's judgment and the deterministic key-term coverage make one grade, so a grading agrees with its
 * own evidence. With {@code c} the coverage score (100 × the weighted share of key terms used, rounded):
 * <ol>
 *   <li>the model's score is kept within {@value #BAND} points of {@code c}: the final score is
 *       {@code clamp(model, c - BAND, c + BAND)} within 0..100;</li>
 *   <li>an unrelated explanation (coverage under {@value #UNRELATED_BELOW} %) scores at most
 *       {@value #UNRELATED_MAX}, whatever the model says;</li>
 *   <li>the level follows the final score: 0–19 → 1, 20–39 → 2, 40–59 → 3, 60–79 → 4, 80–100 → 5.</li>
 * </ol>
 * The feedback's keyword lists are the coverage's included and missed terms, never the model's.
 */
final class GradeRule {

  /** How far the final score may stray from the coverage score. */
  static final int BAND = 25;
  /** Coverage (in %) under which an explanation counts as unrelated to the concept. */
  static final int UNRELATED_BELOW = 15;
  /** The highest score an unrelated explanation gets. */
  static final int UNRELATED_MAX = 20;
  private static final int LEVEL_STEP = 20;

  private GradeRule() {
  }

  /** The final score for the model's {@code modelScore} of an explanation with {@code coverage}. */
  static int score(int modelScore, Coverage coverage) {
    int c = coverageScore(coverage);
    int score = Math.max(Math.max(0, c - BAND), Math.min(Math.min(100, c + BAND), modelScore));
    return c < UNRELATED_BELOW ? Math.min(UNRELATED_MAX, score) : score;
  }

  /** The level (1..5) of a final score. */
  static int level(int score) {
    return Math.min(5, score / LEVEL_STEP + 1);
  }

  /** The model's result settled by this rule: final score, its level, and the coverage as keyword lists. */
  static SoloResult settle(int modelScore, SoloResult.Feedback feedback, Coverage coverage) {
    int score = score(modelScore, coverage);
    SoloResult.Feedback evidenced = new SoloResult.Feedback(feedback.summarize(),
        List.of(coverage.included(), coverage.missed()), feedback.facts(), feedback.understanding(),
        feedback.personalized());
    return new SoloResult(score, level(score), evidenced, SoloResult.Evidence.of(coverage));
  }

  private static int coverageScore(Coverage coverage) {
    return (int) Math.round(coverage.ratio() * 100);
  }
}
