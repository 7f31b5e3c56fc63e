package dev.storyvox.api;

import dev.storyvox.stt.FieldParser;
import dev.storyvox.stt.FieldType;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Storybook's {@code POST /api/fields/parse}: a typed answer for one field ({@code field_type}, {@code text},
 * both checked by the contract) becomes the value parsed out of it by {@link FieldParser}, the parser that
 * {@code /api/stt/field} applies to transcripts.
 */
public final class FieldParseApi implements Api {

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("parseField").addHandler(this::parse);
  }

  private void parse(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    FieldType type = FieldType.fromWire(body.getString("field_type"));
    Responses.json(rc, 200, new JsonObject()
        .put("field_type", type.wire())
        .put("parsed_value", FieldParser.parse(type, body.getString("text"))));
  }
}
