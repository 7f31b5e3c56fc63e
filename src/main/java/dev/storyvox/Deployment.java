package dev.storyvox;

import dev.storyvox.api.ContractVerticle;
import dev.storyvox.api.HttpVerticle;
import dev.storyvox.api.Startup;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.illustration.ComfyUiVerticle;
import dev.storyvox.jobs.StorageVerticle;
import dev.storyvox.llm.LlmSlot;
import dev.storyvox.llm.LlmVerticle;
import dev.storyvox.models.ModelsVerticle;
import dev.storyvox.runpod.RunPodVerticle;
import dev.storyvox.runpod.RunPodWorker;
import dev.storyvox.runpod.RunPodWorkerEnv;
import dev.storyvox.solo.SoloVerticle;
import dev.storyvox.story.StoryVerticle;
import dev.storyvox.stt.SttDeployment;
import dev.storyvox.stt.SttVerticle;
import dev.storyvox.tts.TtsVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the verticles of a role on a Vert.x instance. {@code all} runs every verticle in one process;
 * {@code api} and {@code gpu} split them across a cluster, where engines are reached over the clustered bus.
 */
public final class Deployment {

  private Deployment() {
  }

  /**
   * Registers the message codec and deploys {@code role}'s verticles with {@code config}: {@code gpu} the
   * engines (whisper and llama.cpp contexts, TTS), {@code api} the HTTP server and the orchestration (runs,
   * solo grading, speech-to-text decoding, ComfyUI, RunPod), {@code all} both. The HTTP server is deployed
   * first and listens at once: {@code /health} answers and {@code /ready} says LOADING while the rest is
   * deployed; other requests wait for it (see {@link Startup}). The API contract starts loading before the
   * server binds ({@link ContractVerticle}), as the router waits for it.
   *
   * @return the bound HTTP port, or -1 when the role serves no HTTP
   */
  public static Future<Integer> deploy(Vertx vertx, JsonObject config, Role role) {
    return deploy(vertx, StoryvoxConfig.from(config), config, role);
  }

  /** As {@link #deploy(Vertx, JsonObject, Role)}, with the configuration already mapped as {@code typed}. */
  public static Future<Integer> deploy(Vertx vertx, StoryvoxConfig typed, JsonObject config, Role role) {
    if (role == Role.RUNPOD_WORKER) {
      try {
        return deployRunPodWorker(vertx, config, RunPodWorkerEnv.from(System.getenv(), typed.runpod().worker()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
    }
    RecordCodec.register(vertx);
    if (role == Role.GPU) {
      return deployEngines(vertx, typed).map(v -> -1);
    }
    Startup startup = Startup.starting();
    ContractVerticle.contract(vertx);
    Future<String> http = vertx.deployVerticle(() -> new HttpVerticle(typed, startup),
        new DeploymentOptions().setInstances(typed.http().instances()));
    Future<Void> rest = role == Role.API ? deployServices(vertx, typed)
        : Future.all(deployEngines(vertx, typed), deployServices(vertx, typed)).mapEmpty();
    Future<Void> front = rest.compose(v -> deployFront(vertx, typed)).onSuccess(v -> startup.servicesUp());
    return Future.all(http, front)
        .map(v -> (Integer) vertx.sharedData().getLocalMap(HttpVerticle.LOCAL_MAP).get(HttpVerticle.PORT_KEY));
  }

  /**
   * The engines, which any node of a cluster may serve: whisper and LLM contexts, TTS, and the model files
   * they need, fetched in the background when {@code models.download} is on.
   */
  private static Future<Void> deployEngines(Vertx vertx, StoryvoxConfig typed) {
    return Future.all(vertx.deployVerticle(new ModelsVerticle(typed)), SttDeployment.deployEngines(vertx, typed),
        deployLlm(vertx, typed),
        vertx.deployVerticle(new TtsVerticle(typed.tts()))).mapEmpty();
  }

  /** The API side's own services: speech-to-text decoding, RunPod dispatch, ComfyUI. */
  private static Future<Void> deployServices(Vertx vertx, StoryvoxConfig typed) {
    return Future.all(SttDeployment.deployEntry(vertx, typed), deployRunPod(vertx, typed),
        vertx.deployVerticle(new ComfyUiVerticle(typed.comfyui()))).mapEmpty();
  }

  /** Storage, solo grading and storybook runs (their state stays on this node). */
  private static Future<Void> deployFront(Vertx vertx, StoryvoxConfig typed) {
    return vertx.deployVerticle(new StorageVerticle(typed.outputs()))
        .compose(id -> vertx.deployVerticle(new SoloVerticle(typed)))
        .compose(id -> vertx.deployVerticle(new StoryVerticle(typed)))
        .mapEmpty();
  }

  /**
   * Registers the message codec and deploys the RunPod serverless worker: local speech-to-text
   * ({@code stt.backend} forced to local) and a {@link RunPodWorker} taking jobs as {@code env} says. No HTTP
   * server.
   *
   * @return -1, as the role serves no HTTP
   */
  public static Future<Integer> deployRunPodWorker(Vertx vertx, JsonObject config, RunPodWorkerEnv env) {
    JsonObject local = config.copy();
    local.getJsonObject("stt").put("backend", "local");
    StoryvoxConfig typed = StoryvoxConfig.from(local);
    RecordCodec.register(vertx);
    long jobTimeoutMs = typed.download().timeoutMs() + typed.stt().timeoutMs();
    return SttDeployment.deploy(vertx, typed)
        .compose(v -> vertx.deployVerticle(new RunPodWorker(env, jobTimeoutMs, typed.shutdown().graceMs(),
            typed.runpod().retryPolicy())))
        .map(id -> -1);
  }

  /** The {@link RunPodVerticle} when transcriptions go to RunPod ({@code stt.backend} runpod, or auto with a key). */
  private static Future<?> deployRunPod(Vertx vertx, StoryvoxConfig typed) {
    return SttVerticle.usesRunPod(typed) ? vertx.deployVerticle(new RunPodVerticle(typed)) : Future.succeededFuture();
  }

  /** One {@link LlmVerticle} per LLM context: {@code gpu.llmPerDevice} on each of {@code gpu.devices}. */
  private static Future<Void> deployLlm(Vertx vertx, StoryvoxConfig typed) {
    List<Future<String>> deployed = new ArrayList<>();
    for (int device : typed.gpu().devices()) {
      for (int index = 0; index < typed.gpu().llmPerDevice(); index++) {
        deployed.add(vertx.deployVerticle(new LlmVerticle(typed.llm(), typed.gpu(), typed.retry().llm(),
            new LlmSlot(device, index), typed.models(), typed.engines())));
      }
    }
    return Future.all(deployed).mapEmpty();
  }
}
