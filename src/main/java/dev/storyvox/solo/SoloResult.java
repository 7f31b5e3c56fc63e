package dev.storyvox.solo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A graded explanation in the shape IMYME's consumers read.
 *
 * @param overallScore 0 to 100 ({@code overall_score})
 * @param level 1 (barely knows) to 5 (could teach it)
 * @param feedback the model's feedback
 * @param evidence the key terms of the model answer the explanation used, decided without the model
 */
public record SoloResult(@JsonProperty("overall_score") int overallScore, int level, Feedback feedback,
                         Evidence evidence) {

  public SoloResult {
    if (overallScore < 0 || overallScore > 100 || level < 1 || level > 5) {
      throw new IllegalArgumentException("score 0-100 and level 1-5 expected, not " + overallScore + "/" + level);
    }
  }

  /**
   * The feedback texts.
   *
   * @param keyword exactly two lists: included keywords, then missed ones
   */
  public record Feedback(String summarize, List<List<String>> keyword, String facts, String understanding,
                         String personalized) {

    public Feedback {
      if (keyword == null || keyword.size() != 2) {
        throw new IllegalArgumentException("feedback.keyword must hold two lists");
      }
      keyword = List.of(List.copyOf(keyword.get(0)), List.copyOf(keyword.get(1)));
    }
  }

  /**
   * Key terms of the model answer and their coverage.
   *
   * @param coverage the weighted share of terms used, in [0, 1]
   */
  public record Evidence(List<String> includedTerms, List<String> missedTerms, double coverage) {

    /** The evidence of a {@link Coverage}. */
    public static Evidence of(Coverage coverage) {
      return new Evidence(coverage.included(), coverage.missed(), Math.round(coverage.ratio() * 100) / 100.0);
    }
  }
}
