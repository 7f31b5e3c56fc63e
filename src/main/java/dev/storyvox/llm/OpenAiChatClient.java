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
 * Ollama, OpenAI, …) without blocking. The reply's structure goes as {@code llm.openai.structured} says:
 * {@code grammar} sends the GBNF grammar as llama-server's {@code grammar} field, {@code json_schema} the
 * equivalent schema as {@code response_format} ({@code json_schema}, strict), {@code auto} the grammar to
 * llama-server and the schema elsewhere, {@code none} neither. Which server answers is read once from
 * {@code GET /models} ({@code owned_by}, {@link LlmServerKind}) or, failing that, llama-server's
 * {@code GET /props}. Reasoning is switched off where the server takes it ({@code chat_template_kwargs:
 * {enable_thinking: false}} for llama-server and vLLM, {@code reasoning_effort: none} for Ollama), and a
 * {@code <think>} block or code fence left in the reply is removed before it is returned ({@link ReplyText}).
 * 429 and 5xx answers (reasons THROTTLED, REMOTE_ERROR) are retried under the {@code retry.llm} policy
 * ({@link Retry}) until the generation is cancelled; 401 means the API key was rejected; a request that takes
 * longer than the timeout fails. Every failure is {@code LLM_FAILURE}. The reply arrives whole, so a
 * streaming caller gets its text as one piece.
 */
public final class OpenAiChatClient implements LlmBackend {

  private static final long PROBE_TIMEOUT_MS = 1500;

  private final OpenAiConfig config;
  private final long timeoutMs;
  private final WebClient client;
  private final String baseUrl;
  private final Retry retry;
  private volatile Readiness state = Readiness.loading("not checked yet");
  private volatile LlmServerKind kind;


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

  /** Asks {@code GET {baseUrl}/models} (once it answered, the server counts as ready) and learns its kind. */
  @Override
  public Future<Readiness> readiness() {
    return probe(PROBE_TIMEOUT_MS);
  }

  private Future<Readiness> probe(long timeout) {
    if (Readiness.READY.equals(state.state())) {
      return Future.succeededFuture(state);
    }
    return authorized(client.getAbs(baseUrl + "/models")).timeout(timeout).send()
        .compose(r -> r.statusCode() == 200
            ? kindOf(r, timeout).map(found -> {
              kind = found;
              return Readiness.ready("OpenAI-compatible server " + baseUrl + " (" + found + ", model "
                  + config.model() + ", structured output " + mode(found) + ")");
            })
            : Future.succeededFuture(Readiness.unavailable(baseUrl + "/models answered " + r.statusCode()
                + describe(r))))
        .otherwise(e -> Readiness.unavailable("cannot reach " + baseUrl + ": " + e.getMessage()))
        .onSuccess(now -> state = now);
  }

  @Override
  public Future<LlmReply> generate(LlmRequest request, Consumer<String> onToken, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    boolean structured = request.grammar() != null || request.jsonSchema() != null;
    return serverKind().map(found -> body(request, found))
        .compose(body -> retry.run(() -> attempt(body, cancelled)))
        .map(response -> reply(response, structured, start))
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

  /** The chat-completions body for {@code request} to a server of {@code server}'s kind. */
  JsonObject body(LlmRequest request, LlmServerKind server) {
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
    String mode = mode(server);
    boolean grammar = request.grammar() != null && "grammar".equals(mode);
    if (grammar) {
      body.put("grammar", request.grammar());
    } else if (request.jsonSchema() != null && !"none".equals(mode)) {
      body.put("response_format", new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject()
          .put("name", "reply").put("schema", schema(request)).put("strict", true)));
    }
    if (server == LlmServerKind.LLAMA_SERVER || server == LlmServerKind.VLLM) {
      body.put("chat_template_kwargs", new JsonObject().put("enable_thinking", false));
    } else if (server == LlmServerKind.OLLAMA) {
      body.put("reasoning_effort", "none");
    }
    return body;
  }

  /** {@code grammar}, {@code json_schema} or {@code none}: the configured mode, {@code auto} resolved. */
  private String mode(LlmServerKind server) {
    if (!"auto".equals(config.structured())) {
      return config.structured();
    }
    return server == LlmServerKind.LLAMA_SERVER ? "grammar" : "json_schema";
  }

  /**
   * The server's kind, asked (with the generation's timeout) until it answered once; {@link LlmServerKind#OTHER}
   * while it does not answer.
   */
  private Future<LlmServerKind> serverKind() {
    LlmServerKind known = kind;
    return known != null ? Future.succeededFuture(known)
        : probe(timeoutMs).map(ready -> kind == null ? LlmServerKind.OTHER : kind);
  }

  private Future<LlmServerKind> kindOf(HttpResponse<Buffer> models, long timeout) {
    LlmServerKind named;
    try {
      named = LlmServerKind.ofModels(models.bodyAsJsonObject());
    } catch (RuntimeException e) {
      named = LlmServerKind.OTHER;
    }
    if (named != LlmServerKind.OTHER) {
      return Future.succeededFuture(named);
    }
    String root = baseUrl.replaceFirst("/v1$", "");
    return authorized(client.getAbs(root + "/props")).timeout(timeout).send()
        .map(r -> r.statusCode() == 200 && LlmServerKind.isLlamaServerProps(json(r))
            ? LlmServerKind.LLAMA_SERVER : LlmServerKind.OTHER)
        .otherwise(LlmServerKind.OTHER);
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
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

  private LlmReply reply(HttpResponse<Buffer> response, boolean structured, long start) {
    JsonObject json;
    try {
      json = response.bodyAsJsonObject();
    } catch (DecodeException e) {
      throw notCompletion("it is not JSON");
    }
    if (json == null || !(json.getValue("choices") instanceof JsonArray choices) || choices.isEmpty()
        || !(choices.getValue(0) instanceof JsonObject choice)
        || !(choice.getValue("message") instanceof JsonObject message)) {
      throw notCompletion("it has no choices[0].message");
    }
    try {
      String content = message.getString("content");
      String text = ReplyText.clean(content == null ? "" : content, structured);
      JsonObject usage = json.getJsonObject("usage", new JsonObject());
      String finish = "length".equals(choice.getString("finish_reason")) ? LlmReply.LENGTH : LlmReply.STOP;
      return new LlmReply(text, usage.getInteger("prompt_tokens", 0), usage.getInteger("completion_tokens", 0),
          (System.nanoTime() - start) / 1_000_000, finish);
    } catch (ClassCastException e) {
      throw notCompletion("its content, finish_reason or usage has the wrong type");
    }
  }

  private static ServiceException notCompletion(String why) {
    return failure("the LLM server's reply is not a chat completion: " + why);
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
