package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The fields and files of a {@code multipart/form-data} request, which the contract validator does not check.
 * Every refusal is a 400 INVALID_REQUEST naming the field (in the message and as {@code detail.field}).
 */
final class UploadForm {

  private final RoutingContext rc;

  UploadForm(RoutingContext rc) {
    this.rc = rc;
  }

  /** A text field, or {@code fallback} when absent or blank; refused when longer than {@code maxLength}. */
  String field(String name, String fallback, int maxLength) {
    String value = rc.request().getFormAttribute(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (value.length() > maxLength) {
      throw invalid(name, name + " is longer than " + maxLength + " characters");
    }
    return value.strip();
  }

  /** A text field that must be present. */
  String required(String name, int maxLength) {
    String value = field(name, null, maxLength);
    if (value == null) {
      throw invalid(name, name + " is required");
    }
    return value;
  }

  /** Every value of a repeated field, in order. */
  List<String> fields(String name) {
    return rc.request().formAttributes().getAll(name);
  }

  /** The bytes of the uploaded file {@code name}, read without blocking; fails when missing or empty. */
  Future<byte[]> file(Vertx vertx, String name) {
    FileUpload upload = rc.fileUploads().stream().filter(f -> name.equals(f.name())).findFirst().orElse(null);
    if (upload == null) {
      return Future.failedFuture(invalid(name,
          name + " is required: send the audio as a multipart/form-data file part named " + name));
    }
    if (upload.size() == 0) {
      return Future.failedFuture(invalid(name, name + " is empty (0 bytes)"));
    }
    return vertx.fileSystem().readFile(upload.uploadedFileName()).map(buffer -> buffer.getBytes());
  }

  /** A 400 INVALID_REQUEST about {@code field}. */
  static ServiceException invalid(String field, String message) {
    return new ServiceException(ErrorCode.INVALID_REQUEST, message, new JsonObject().put("field", field));
  }
}
