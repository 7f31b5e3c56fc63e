package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the contract validator's exceptions into INVALID_REQUEST errors that name the bad field. */
final class ValidationErrors {

  private static final Pattern REQUIRED = Pattern.compile("required propert(?:y|ies) \"?([^\"\\]]+)\"?");
  private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+?)[ .]");

  private ValidationErrors() {
  }

  static ServiceException toService(ValidatorException e) {
    String field = null;
    String reason = e.getMessage();
    if (e instanceof SchemaValidationException sve && sve.getOutputUnit() != null) {
      OutputUnit unit = mostRelevant(sve.getOutputUnit());
      reason = unit.getError() == null ? reason : unit.getError();
      field = fieldOf(unit.getInstanceLocation(), reason);
      if (field != null && REQUIRED.matcher(reason).find()) {
        reason = "is required";
      }
    }
    if (field == null) {
      Matcher m = PARAMETER.matcher(e.getMessage());
      field = m.find() ? m.group(1) : null;
    }
    String prefix = e.getMessage() != null && e.getMessage().contains("body") && field == null ? "request body" : field;
    String message = (prefix == null ? "invalid request" : prefix) + ("is required".equals(reason) ? " " : ": ")
        + reason;
    JsonObject detail = new JsonObject().put("field", field).put("reason", reason);
    return new ServiceException(ErrorCode.INVALID_REQUEST, message, detail);
  }

  private static OutputUnit mostRelevant(OutputUnit root) {
    List<OutputUnit> errors = root.getErrors();
    return errors == null || errors.isEmpty() ? root : errors.get(errors.size() - 1);
  }

  private static String fieldOf(String instanceLocation, String error) {
    String path = instanceLocation == null ? "" : instanceLocation.replaceFirst("^#?/?", "").replace('/', '.');
    Matcher m = error == null ? null : REQUIRED.matcher(error);
    if (m != null && m.find()) {
      return path.isEmpty() ? m.group(1) : path + "." + m.group(1);
    }
    return path.isEmpty() ? null : path;
  }
}
