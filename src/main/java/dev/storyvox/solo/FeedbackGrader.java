package dev.storyvox.solo;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.config.RetryConfig;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades one explanation: key-term coverage decided in Java, then the {@code solo-feedback} prompt on
 * {@code llm.generate}. An explanation under {@value #MIN_CHARACTERS} characters scores 0 without the model.
 * An unusable or timed-out generation is tried again with another seed under the {@code retry.generation}
 * policy; then the grading fails with LLM_FAILURE. Grading waits while the model is still loading, under the
 * {@code retry.loading} policy (never past its deadline); MODEL_UNAVAILABLE and UNAVAILABLE fail at once,
 * after {@link EngineCall} has handed a generation whose node left the cluster or stopped to another node once.
 */
final class FeedbackGrader {

  /** Shorter explanations (after trimming) are not sent to the model. */
  static final int MIN_CHARACTERS = 5;
  private static final long REPLY_SLACK_MS = 5000;

  private final Vertx vertx;
  private final PromptTemplate template;
  private final long timeoutMs;
  private final Retry generations;
  private final Retry loading;


  /**
   * A grader using {@code template}; one generation may take {@code timeoutMs} ({@code llm.timeoutMs});
   * unusable generations and the wait for a loading model follow {@code retry}'s policies.
   */
  FeedbackGrader(Vertx vertx, PromptTemplate template, long timeoutMs, RetryConfig retry) {
    this.vertx = vertx;
    this.template = template;
    this.timeoutMs = timeoutMs;
    this.generations = new Retry(vertx, "solo grading", retry.generation(),
        failure -> failure.code() != ErrorCode.MODEL_UNAVAILABLE && failure.code() != ErrorCode.UNAVAILABLE);
    this.loading = new Retry(vertx, "solo grading waits for the LLM", retry.loading(),
        failure -> failure.reason() == Reason.MODEL_LOADING);
  }

  /** The result for {@code request}; fails with a {@link ServiceException}. */
  Future<SoloResult> grade(SoloRequest request) {
    Coverage coverage = KeyTerms.coverage(KeyTerms.extract(request.modelAnswer()), request.userText());
    if (request.userText().strip().length() < MIN_CHARACTERS) {
      return Future.succeededFuture(tooShort(coverage));
    }
    LlmRequest llm = template.request("solo-" + request.attemptId(), FeedbackPrompt.values(request, coverage),
        request.attemptId() % Integer.MAX_VALUE).withStream(false);
    AtomicInteger tries = new AtomicInteger();
    return loaded()
        .compose(v -> generations.run(() -> attempt(
            llm.withSeed((llm.seed() + tries.getAndIncrement()) % Integer.MAX_VALUE), coverage)))
        .recover(e -> Future.failedFuture(unusable(e, tries.get())));
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

  /**
   * Completes once the LLM is no longer LOADING, so work restored at startup waits for the model; after the
   * {@code retry.loading} deadline it completes all the same, and a generation then says the model is loading.
   */
  private Future<Void> loaded() {
    return loading.run(() -> vertx.eventBus().<Readiness>request(Addresses.READY + "llm", new ReadinessQuery("llm"))
            .map(Message::body)
            .otherwise(Readiness.unavailable("no answer"))
            .compose(state -> Readiness.LOADING.equals(state.state())
                ? Future.failedFuture(new ServiceException(ErrorCode.MODEL_UNAVAILABLE, Reason.MODEL_LOADING,
                    "the LLM is still loading: " + state.reason()))
                : Future.<Void>succeededFuture()))
        .otherwise(e -> null);
  }

  private Future<SoloResult> attempt(LlmRequest request, Coverage coverage) {
    return EngineCall.<LlmReply>request(vertx, Addresses.LLM_GENERATE, request, timeoutMs + REPLY_SLACK_MS)
        .map(reply -> FeedbackParser.parse(reply, coverage))
        .onFailure(e -> {
          ServiceException failure = Failures.toService(e);
          if (failure.code() == ErrorCode.TIMEOUT) {
            vertx.eventBus().publish(Addresses.LLM_CANCEL, request.requestId());
          }
        });
  }

  /** A grading's last failure: MODEL_UNAVAILABLE and UNAVAILABLE as they are, others as LLM_FAILURE. */
  private static ServiceException unusable(Throwable e, int tries) {
    ServiceException failure = Failures.toService(e);
    if (failure.code() == ErrorCode.MODEL_UNAVAILABLE || failure.code() == ErrorCode.UNAVAILABLE) {
      return failure;
    }
    return new ServiceException(ErrorCode.LLM_FAILURE, failure.reason(),
        "no usable feedback after " + tries + " generation" + (tries == 1 ? "" : "s") + ": " + failure.getMessage(), e);
  }
}
