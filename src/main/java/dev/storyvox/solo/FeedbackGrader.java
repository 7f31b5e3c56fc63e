package dev.storyvox.solo;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.llm.PromptTemplate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades one explanation: key-term coverage decided in Java, then the {@code solo-feedback} prompt on
 * {@code llm.generate}. An explanation under {@value #MIN_CHARACTERS} characters scores 0 without the model.
 * An unusable or timed-out generation is tried again up to {@value #RETRIES} times with another seed; then
 * the grading fails with LLM_FAILURE. Grading waits while the model is still loading; MODEL_UNAVAILABLE
 * and UNAVAILABLE fail at once, after {@link EngineCall} has handed a generation whose node left the cluster
 * or stopped to another node once.
 */
final class FeedbackGrader {

  /** Shorter explanations (after trimming) are not sent to the model. */
  static final int MIN_CHARACTERS = 5;
  /** Further tries after an unusable generation. */
  static final int RETRIES = 2;

  private static final Logger LOG = LoggerFactory.getLogger(FeedbackGrader.class);
  private static final long REPLY_SLACK_MS = 5000;
  private static final long LOADING_POLL_MS = 250;

  private final Vertx vertx;
  private final PromptTemplate template;
  private final long timeoutMs;

  /** A grader using {@code template}; one generation may take {@code timeoutMs} ({@code llm.timeoutMs}). */
  FeedbackGrader(Vertx vertx, PromptTemplate template, long timeoutMs) {
    this.vertx = vertx;
    this.template = template;
    this.timeoutMs = timeoutMs;
  }

  /** The result for {@code request}; fails with a {@link ServiceException}. */
  Future<SoloResult> grade(SoloRequest request) {
    Coverage coverage = KeyTerms.coverage(KeyTerms.extract(request.modelAnswer()), request.userText());
    if (request.userText().strip().length() < MIN_CHARACTERS) {
      return Future.succeededFuture(tooShort(coverage));
    }
    LlmRequest llm = template.request("solo-" + request.attemptId(), FeedbackPrompt.values(request, coverage),
        request.attemptId() % Integer.MAX_VALUE).withStream(false);
    return loaded().compose(v -> attempt(llm, coverage, 0));
  }

  /** The fixed result of an explanation too short to grade. */
  static SoloResult tooShort(Coverage coverage) {
    SoloResult.Feedback feedback = new SoloResult.Feedback(
        "설명이 너무 짧아 채점할 수 없습니다.",
        List.of(coverage.included(), coverage.missed()),
        "확인할 수 있는 내용이 없습니다.",
        "설명이 " + MIN_CHARACTERS + "자 미만이라 개념 이해도를 판단할 수 없습니다.",
        "핵심 키워드를 넣어 두세 문장 이상으로 다시 설명해 보세요.");
    return new SoloResult(0, 1, feedback, SoloResult.Evidence.of(coverage));
  }

  /** Completes once the LLM is no longer LOADING, so work restored at startup waits for the model. */
  private Future<Void> loaded() {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "llm", new ReadinessQuery("llm"))
        .map(Message::body)
        .otherwise(Readiness.unavailable("no answer"))
        .compose(state -> Readiness.LOADING.equals(state.state())
            ? vertx.timer(LOADING_POLL_MS).compose(v -> loaded())
            : Future.succeededFuture());
  }

  private Future<SoloResult> attempt(LlmRequest request, Coverage coverage, int retry) {
    return EngineCall.<LlmReply>request(vertx, Addresses.LLM_GENERATE, request, timeoutMs + REPLY_SLACK_MS)
        .map(reply -> FeedbackParser.parse(reply, coverage))
        .recover(e -> {
          ServiceException failure = Failures.toService(e);
          if (failure.code() == ErrorCode.TIMEOUT) {
            vertx.eventBus().publish(Addresses.LLM_CANCEL, request.requestId());
          }
          if (failure.code() == ErrorCode.MODEL_UNAVAILABLE || failure.code() == ErrorCode.UNAVAILABLE) {
            return Future.failedFuture(failure);
          }
          if (retry == RETRIES) {
            return Future.failedFuture(new ServiceException(ErrorCode.LLM_FAILURE,
                "no usable feedback after " + (RETRIES + 1) + " generations: " + failure.getMessage()));
          }
          LOG.warn("{}: generation {} unusable ({}); trying again", request.requestId(), retry + 1, failure.getMessage());
          return attempt(request.withSeed((request.seed() + 1) % Integer.MAX_VALUE), coverage, retry + 1);
        });
  }
}
