package dev.storyvox.illustration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Nodes are found by {@code _meta.title}; only prompt, seed and size change. */
class WorkflowTemplateTest {

  @Test
  void findsNodesByTitleWhateverTheirIds() throws Exception {
    String json = Files.readString(Path.of("conf/comfyui/panel.json")).replace("\"3\"", "\"31\"");
    WorkflowTemplate template = WorkflowTemplate.parse(json, "panel.json");
    JsonObject rendered = template.render("a fox", 5, 512, 768);
    assertEquals(5L, rendered.getJsonObject("31").getJsonObject("inputs").getLong("seed"));
    assertEquals("31", template.nodeId(WorkflowTemplate.SAMPLER));
    assertEquals("", new JsonObject(json).getJsonObject("6").getJsonObject("inputs").getString("text"),
        "rendering does not touch the template");
  }

  @Test
  void aTemplateWithoutATitledNodeIsRefusedByName() throws Exception {
    String json = Files.readString(Path.of("conf/comfyui/panel.json")).replace("\"LATENT\"", "\"latent\"");
    ServiceException e = assertThrows(ServiceException.class, () -> WorkflowTemplate.parse(json, "panel.json"));
    assertTrue(e.getMessage().contains("_meta.title LATENT"), e.getMessage());
  }
}
