package dev.storyvox.solo;

import java.util.List;

/**
 * Which key terms of the model answer a learner's explanation used.
 *
 * @param included the terms the explanation contains, in model-answer order
 * @param missed the terms it lacks, in model-answer order
 * @param ratio the included share of all terms weighted by {@link Term#weight()}, in [0, 1]; 0 when
 *     there are no terms
 */
public record Coverage(List<String> included, List<String> missed, double ratio) {

  public Coverage {
    included = List.copyOf(included);
    missed = List.copyOf(missed);
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("coverage ratio must be in [0, 1], not " + ratio);
    }
  }
}
