package dev.storyvox.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns chat messages into the prompt text a model reads. A model with its own chat template gets it
 * (through llama.cpp); a model without one (e.g. stories260K) gets this plain fallback format:
 *
 * <pre>
 * System: {system text}
 *
 * User: {user text}
 *
 * Assistant: {assistant text}
 *
 * Assistant:
 * </pre>
 *
 * one block per message in order, each a capitalised role, a colon, a space and the content, blocks
 * separated by a blank line, ending with the {@code Assistant:} cue the model continues after.
 */
final class ChatRenderer {

  private final LlamaModel model;
  private final boolean modelTemplate;

  ChatRenderer(LlamaModel model, boolean modelTemplate) {
    this.model = model;
    this.modelTemplate = modelTemplate;
  }

  /** Whether the model's own chat template is used. */
  boolean usesModelTemplate() {
    return modelTemplate;
  }

  /** The prompt for these messages. */
  String render(List<ChatMessage> messages) {
    return modelTemplate ? withModelTemplate(messages) : fallback(messages);
  }

  static String fallback(List<ChatMessage> messages) {
    StringBuilder out = new StringBuilder();
    for (ChatMessage message : messages) {
      out.append(capitalised(message.role())).append(": ").append(message.content()).append("\n\n");
    }
    return out.append("Assistant:").toString();
  }

  private String withModelTemplate(List<ChatMessage> messages) {
    String system = messages.stream()
        .filter(m -> m.role().equals("system"))
        .map(ChatMessage::content)
        .collect(Collectors.joining("\n\n"));
    List<Pair<String, String>> turns = new ArrayList<>();
    for (ChatMessage message : messages) {
      if (!message.role().equals("system")) {
        turns.add(new Pair<>(message.role(), message.content()));
      }
    }
    return model.applyTemplate(new InferenceParameters("").setMessages(system, turns));
  }

  private static String capitalised(String role) {
    return Character.toUpperCase(role.charAt(0)) + role.substring(1);
  }
}
