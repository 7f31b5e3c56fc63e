package dev.storyvox.runpod;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what RunPod's worker webhooks answer, as runpod-python's {@code rp_job} reads it: a job-take is one job
 * object (legacy endpoint) or a list of them (batch endpoint), each with an {@code id}; a stop-channel answer is
 * {@code {"jobsToStop": [ids]}}. Anything else is logged and read as nothing.
 */
final class WorkerTake {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerTake.class);

  private WorkerTake() {
  }

  /** The jobs of a 200 job-take answer; a job's {@code input} may be any JSON value, or missing. */
  static List<JsonObject> jobs(HttpResponse<Buffer> response) {
    Object body = json(response, "job-take");
    List<Object> items = new ArrayList<>();
    if (body instanceof JsonArray array) {
      array.forEach(items::add);
    } else if (body != null) {
      items.add(body);
    }
    List<JsonObject> found = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof JsonObject job && job.getValue("id") instanceof String) {
        found.add(job);
      } else {
        LOG.warn("RunPod job-take gave something that is not a job: {}", item);
      }
    }
    return found;
  }

  /** The job ids of a 200 stop-channel answer. */
  static List<String> stopIds(HttpResponse<Buffer> response) {
    Object body = json(response, "stop channel");
    List<String> ids = new ArrayList<>();
    if (body instanceof JsonObject object && object.getValue("jobsToStop") instanceof JsonArray array) {
      array.forEach(id -> {
        if (id instanceof String text) {
          ids.add(text);
        }
      });
    } else if (body != null) {
      LOG.warn("RunPod stop channel gave an unexpected answer: {}", body);
    }
    return ids;
  }

  private static Object json(HttpResponse<Buffer> response, String what) {
    String type = response.getHeader("content-type");
    Buffer body = response.body();
    if (body == null || body.length() == 0 || type == null || !type.startsWith("application/json")) {
      LOG.debug("RunPod {} answered 200 without JSON", what);
      return null;
    }
    try {
      return response.bodyAsJson(Object.class);
    } catch (DecodeException | IllegalArgumentException e) {
      LOG.warn("RunPod {} answered unreadable JSON: {}", what, e.getMessage());
      return null;
    }
  }
}
