package dev.storyvox.solo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.UncheckedIOException;

/**
 * A learner's explanation to grade, as IMYME submits it.
 *
 * @param attemptId the caller's id of the attempt
 * @param userText the transcribed explanation
 * @param keyword the concept explained
 * @param modelAnswer the reference explanation
 * @param history earlier attempts, oldest first: a JSON array of loose objects
 * @param callbackUrl where the final submission is POSTed, or {@code null}
 */
public record SoloRequest(long attemptId, String userText, String keyword, String modelAnswer, JsonNode history,
                          String callbackUrl) {

  /** A request from the (contract-validated) body of {@code POST /api/v1/solo/submissions}. */
  public static SoloRequest fromJson(JsonObject body) {
    JsonObject criteria = body.getJsonObject("criteria");
    JsonArray history = body.getJsonArray("history", new JsonArray());
    try {
      return new SoloRequest(body.getLong("attemptId"), body.getString("userText"), criteria.getString("keyword"),
          criteria.getString("modelAnswer"), DatabindCodec.mapper().readTree(history.encode()),
          body.getString("callbackUrl"));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
