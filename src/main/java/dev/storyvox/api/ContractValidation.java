package dev.storyvox.api;

import static io.vertx.openapi.validation.SchemaValidationException.createErrorFromOutputUnitType;
import static io.vertx.openapi.validation.SchemaValidationException.createInvalidValueBody;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates one operation's requests against the contract, as vertx-openapi's request validator does (same
 * extraction, transformers, schema checks and exceptions, so every 400 is the same), but with each schema
 * validator built once, when the router is built. vertx-openapi 5.0 builds a new validator, copying the
 * contract's whole schema map, for every parameter and body of every request, and runs each validation as an
 * ordered blocking task; here a request's parameters and its bounded body are checked on the event loop.
 */
final class ContractValidation implements InputTrustHandler {

  private static final RequestParameter NONE = new RequestParameterImpl(null);
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
      Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
      Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer()));

  /** One parameter of the operation with its schema validator. */
  private record ParameterCheck(Parameter parameter, Validator validator) {
  }

  private final Operation operation;
  private final List<ParameterCheck> parameters;
  private final Map<MediaType, Validator> bodies = new IdentityHashMap<>();
  private final SchemaRepository schemas;

  private ContractValidation(OpenAPIContract contract, Operation operation) {
    this.operation = operation;
    this.schemas = contract.getSchemaRepository();
    this.parameters = operation.getParameters().stream()
        .map(p -> new ParameterCheck(p, schemas.validator(p.getSchema()))).toList();
    RequestBody body = operation.getRequestBody();
    if (body != null) {
      body.getContent().values().stream().filter(ContractValidation::needsSchemaValidation)
          .forEach(type -> bodies.put(type, schemas.validator(type.getSchema())));
    }
  }

  /** Validates every route of {@code builder} but the multipart ones (their handlers read the form) with this. */
  static void install(RouterBuilder builder, OpenAPIContract contract) {
    for (OpenAPIRoute route : builder.getRoutes()) {
      route.setDoValidation(false);
      if (!isMultipart(route.getOperation())) {
        route.addHandler(new ContractValidation(contract, route.getOperation()));
      }
    }
  }

  static boolean isMultipart(Operation operation) {
    return operation.getRequestBody() != null
        && operation.getRequestBody().getContent().keySet().stream().anyMatch(t -> t.startsWith("multipart/"));
  }

  @Override
  public void handle(RoutingContext rc) {
    RequestUtils.extract(rc.request(), operation, () -> Future.succeededFuture(rc.body().buffer()))
        .map(this::validate)
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException
            ? new HttpException(HttpResponseStatus.BAD_REQUEST.code(), e.getMessage(), e) : e));
  }

  private ValidatedRequest validate(ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>(4);
    Map<String, RequestParameter> headers = new HashMap<>(4);
    Map<String, RequestParameter> path = new HashMap<>(4);
    Map<String, RequestParameter> query = new HashMap<>(4);
    for (ParameterCheck check : parameters) {
      Parameter param = check.parameter();
      switch (param.getIn()) {
        case COOKIE -> cookies.put(param.getName(), validate(check, request.getCookies().get(param.getName())));
        case HEADER -> headers.put(param.getName(), validate(check, request.getHeaders().get(param.getName())));
        case PATH -> path.put(param.getName(), validate(check, request.getPathParameters().get(param.getName())));
        case QUERY -> query.put(param.getName(), validate(check, request.getQuery().get(param.getName())));
        default -> { }
      }
    }
    return new ValidatedRequestImpl(cookies, headers, path, query, validateBody(request));
  }

  private static RequestParameter validate(ParameterCheck check, RequestParameter value) {
    Parameter parameter = check.parameter();
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(parameter);
      }
      return NONE;
    }
    ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
    if (transformer == null) {
      throw ValidatorException.createUnsupportedValueFormat(parameter);
    }
    Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
    OutputUnit result = check.validator().validate(transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw createErrorFromOutputUnitType(parameter, result, e);
    }
  }

  private RequestParameter validateBody(ValidatableRequest request) {
    RequestBody requestBody = operation.getRequestBody();
    if (requestBody == null) {
      return NONE;
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (requestBody.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.",
            MISSING_REQUIRED_PARAMETER);
      }
      return NONE;
    }
    MediaType mediaType = requestBody.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = mediaType == null ? null
        : ContentAnalyser.getContentAnalyser(mediaType, request.getContentType(), content, ValidationContext.REQUEST);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + ValidationContext.REQUEST + " body is not supported",
          UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    if (!needsSchemaValidation(mediaType)) {
      return new RequestParameterImpl(content);
    }
    Object transformed = analyser.transform();
    Validator validator = bodies.get(mediaType);
    OutputUnit result = (validator == null ? schemas.validator(mediaType.getSchema()) : validator).validate(transformed);
    try {
      result.checkValidity();
      return new RequestParameterImpl(transformed);
    } catch (JsonSchemaValidationException e) {
      throw createInvalidValueBody(result, ValidationContext.REQUEST, e);
    }
  }

  /** As vertx-openapi decides: a body without a schema, or a plain binary string, is not schema-checked. */
  private static boolean needsSchemaValidation(MediaType mediaType) {
    JsonSchema schema = mediaType.getSchema();
    if (schema == null) {
      return false;
    }
    String type = schema.get("type");
    String format = schema.get("format");
    boolean noFurtherProperties = schema.fieldNames().size() == 2;
    return !("string".equalsIgnoreCase(type) && "binary".equalsIgnoreCase(format) && noFurtherProperties);
  }
}
