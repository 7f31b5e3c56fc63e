package dev.storyvox.llm;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.OpenAiConfig;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends {@link LlmRequest}s to an OpenAI-compatible {@code POST /chat/completions} (llama-server, vLLM,
 * OpenAI) without blocking. A JSON schema goes as {@code response_format} ({@code json_schema}, strict); a
 * GBNF grammar as llama-server's {@code grammar} extension field. 429 and 5xx answers (reasons THROTTLED,
 * REMOTE_ERROR) are retried under the {@code retry.llm} policy ({@link Retry}) until the generation is
 * cancelled; 401 means the API key was rejected; a request that takes longer than the timeout fails. Every
 * failure is {@code LLM_FAILURE}. The reply arrives whole, so a streaming caller gets its text as one piece.
 */
public final class OpenAiChatClient implements LlmBackend {

  private static final long PROBE_TIMEOUT_MS = 1500;

  private final OpenAiConfig config;
  private final long timeoutMs;
  private final WebClient client;
  private final String baseUrl;
  private final Retry retry;
  private Readiness state = Readiness.loading("not checked yet");


  /** A client for {@code config.baseUrl()}; one call may take {@code timeoutMs}; 429 and 5xx follow {@code policy}. */
  public OpenAiChatClient(Vertx vertx, OpenAiConfig config, long timeoutMs, RetryPolicyConfig policy) {
    this.config = config;
    this.timeoutMs = timeoutMs;
    this.client = WebClient.create(vertx);
    this.baseUrl = config.baseUrl().replaceAll("/+$", "");
    this.retry = new Retry(vertx, "llm server", policy,
        failure -> failure.reason() == Reason.THROTTLED || failure.reason() == Reason.REMOTE_ERROR);
  }

  @Override
  public Future<Void> start() {
    return readiness().mapEmpty();
  }

  /** Asks {@code GET {baseUrl}/models} (once it answered, the server counts as ready). */
  @Override
  public Future<Readiness> readiness() {
    if (Readiness.READY.equals(state.state())) {
      return Future.succeededFuture(state);
    }
    return authorized(client.getAbs(baseUrl + "/models")).timeout(PROBE_TIMEOUT_MS).send()
        .map(r -> r.statusCode() == 200
            ? Readiness.ready("OpenAI-compatible server " + baseUrl + " (model " + config.model() + ")")
            : Readiness.unavailable(baseUrl + "/models answered " + r.statusCode() + describe(r)))
        .otherwise(e -> Readiness.unavailable("cannot reach " + baseUrl + ": " + e.getMessage()))
        .onSuccess(now -> state = now);
  }

  @Override
  public Future<LlmReply> generate(LlmRequest request, Consumer<String> onToken, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    return Future.succeededFuture(request).map(this::body)
        .compose(body -> retry.run(() -> attempt(body, cancelled)))
        .map(response -> reply(response, start))
        .onSuccess(reply -> {
          if (!reply.text().isEmpty()) {
            onToken.accept(reply.text());
          }
        });
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  /** The chat-completions body for {@code request}. */
  JsonObject body(LlmRequest request) {
    JsonArray messages = new JsonArray();
    if (request.messages() != null) {
      request.messages().forEach(m -> messages.add(new JsonObject().put("role", m.role()).put("content", m.content())));
    } else {
      messages.add(new JsonObject().put("role", "user").put("content", request.prompt()));
    }
    JsonObject body = new JsonObject().put("model", config.model()).put("messages", messages)
        .put("max_tokens", request.maxTokens()).put("temperature", request.temperature())
        .put("top_p", request.topP()).put("stream", false);
    if (request.seed() != LlmRequest.RANDOM_SEED) {
      body.put("seed", request.seed());
    }
    if (!request.stop().isEmpty()) {
      body.put("stop", new JsonArray(request.stop()));
    }
    if (request.jsonSchema() != null) {
      body.put("response_format", new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject()
          .put("name", "reply").put("schema", schema(request)).put("strict", true)));
    } else if (request.grammar() != null) {
      body.put("grammar", request.grammar());
    }
    return body;
  }

  private static JsonObject schema(LlmRequest request) {
    try {
      return new JsonObject(request.jsonSchema());
    } catch (DecodeException | ClassCastException e) {
      throw failure("the JSON schema of " + request.requestId() + " is not a JSON object");
    }
  }

  /** One try; once the generation is cancelled, a 429 or 5xx is final. */
  private Future<HttpResponse<Buffer>> attempt(JsonObject body, BooleanSupplier cancelled) {
    return authorized(client.postAbs(baseUrl + "/chat/completions")).timeout(timeoutMs).sendJsonObject(body)
        .recover(e -> Future.failedFuture(e instanceof TimeoutException
            ? failure(Reason.TIMED_OUT, "the LLM server did not answer within " + timeoutMs + " ms")
            : failure(Reason.UNREACHABLE, "cannot reach the LLM server at " + baseUrl + ": " + e.getMessage())))
        .compose(response -> {
          int status = response.statusCode();
          if (status == 200) {
            return Future.succeededFuture(response);
          }
          if (status == 401) {
            return Future.failedFuture(failure(Reason.REMOTE_REJECTED, "the LLM server rejected the API key"));
          }
          Reason reason = cancelled.getAsBoolean() ? Reason.NONE : Reason.ofStatus(status);
          return Future.failedFuture(failure(reason, "the LLM server answered " + status + describe(response)));
        });
  }

  private LlmReply reply(HttpResponse<Buffer> response, long start) {
    try {
      JsonObject json = response.bodyAsJsonObject();
      JsonObject choice = json.getJsonArray("choices").getJsonObject(0);
      String text = choice.getJsonObject("message").getString("content", "");
      JsonObject usage = json.getJsonObject("usage", new JsonObject());
      String finish = "length".equals(choice.getString("finish_reason")) ? LlmReply.LENGTH : LlmReply.STOP;
      return new LlmReply(text, usage.getInteger("prompt_tokens", 0), usage.getInteger("completion_tokens", 0),
          (System.nanoTime() - start) / 1_000_000, finish);
    } catch (DecodeException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
      throw failure("the LLM server's reply is not a chat completion: " + e.getMessage());
    }
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return config.apiKey() == null ? request : request.bearerTokenAuthentication(config.apiKey());
  }

  private static String describe(HttpResponse<Buffer> response) {
    try {
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      return error == null || error.getString("message") == null ? "" : ": " + error.getString("message");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static ServiceException failure(String message) {
    return failure(Reason.NONE, message);
  }

  private static ServiceException failure(Reason reason, String message) {
    return new ServiceException(ErrorCode.LLM_FAILURE, reason, message);
  }
}
