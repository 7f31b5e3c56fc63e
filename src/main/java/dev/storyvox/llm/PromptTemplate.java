package dev.storyvox.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template file, {@code <name>.prompt.md} in the prompts folder, and the grammar it names.
 *
 * <p>File format (UTF-8):
 *
 * <pre>
 * ---
 * grammar: story.gbnf        # optional: a GBNF file in the same folder
 * schema: story.schema.json  # optional: a JSON schema in the same folder describing the same replies
 * maxTokens: 3000            # required: the token cap (at least the grammar's worst case)
 * temperature: 0.8           # optional sampling settings: temperature, topP, repeatPenalty
 * ---
 * # system
 * text of the system message
 * # user
 * text of the user message
 * </pre>
 *
 * A line that is exactly {@code # system} or {@code # user} starts that part; each part is trimmed. In
 * both parts {@code {{name}}} is replaced by the value given for {@code name}, in one pass (a value's own
 * braces are left alone); a placeholder without a value is an error. {@code #} starts a comment in the
 * front matter.
 */
public final class PromptTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
  private static final String FENCE = "---";
  private static final Set<String> KEYS = Set.of("grammar", "schema", "maxTokens", "temperature", "topP", "repeatPenalty");

  private final String name;
  private final Map<String, String> settings;
  private final String system;
  private final String user;
  private final String grammar;
  private final String schema;

  private PromptTemplate(String name, Map<String, String> settings, String system, String user, String grammar,
                         String schema) {
    this.name = name;
    this.settings = settings;
    this.system = system;
    this.user = user;
    this.grammar = grammar;
    this.schema = schema;
  }

  /** Loads {@code <dir>/<name>.prompt.md} and its grammar. */
  public static PromptTemplate load(Path dir, String name) {
    Path file = dir.resolve(name + ".prompt.md");
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).strip().equals(FENCE)) {
        throw invalid(file, "must start with a '---' front matter line");
      }
      int close = lines.subList(1, lines.size()).indexOf(FENCE) + 1;
      if (close == 0) {
        throw invalid(file, "front matter has no closing '---' line");
      }
      Map<String, String> settings = settings(file, lines.subList(1, close));
      if (!settings.containsKey("maxTokens")) {
        throw invalid(file, "front matter needs maxTokens");
      }
      Map<String, String> parts = parts(file, lines.subList(close + 1, lines.size()));
      String grammarFile = settings.get("grammar");
      String grammar = grammarFile == null ? null : Files.readString(dir.resolve(grammarFile), StandardCharsets.UTF_8);
      String schemaFile = settings.get("schema");
      String schema = schemaFile == null ? null : Files.readString(dir.resolve(schemaFile), StandardCharsets.UTF_8);
      return new PromptTemplate(name, settings, parts.get("system"), parts.get("user"), grammar, schema);
    } catch (IOException e) {
      throw new UncheckedIOException("prompt template " + file + " is unreadable", e);
    }
  }

  /** The template's name. */
  public String name() {
    return name;
  }

  /** The GBNF grammar text, or {@code null} when the template names none. */
  public String grammar() {
    return grammar;
  }

  /** The JSON schema text equivalent to the grammar, or {@code null} when the template names none. */
  public String schema() {
    return schema;
  }

  /** The token cap the template declares. */
  public int maxTokens() {
    return Integer.parseInt(settings.get("maxTokens"));
  }

  /** The system and user messages with the placeholders filled in. */
  public List<ChatMessage> messages(Map<String, String> values) {
    return List.of(ChatMessage.system(fill(system, values)), ChatMessage.user(fill(user, values)));
  }

  /** A chat request for these values with the template's grammar, schema, cap and sampling settings. */
  public LlmRequest request(String requestId, Map<String, String> values, long seed) {
    return new LlmRequest(requestId, messages(values), null, grammar, schema, maxTokens(),
        number("temperature", 0.8), number("topP", 0.95), number("repeatPenalty", 1.0), seed, List.of(), true);
  }

  private double number(String key, double fallback) {
    String value = settings.get(key);
    return value == null ? fallback : Double.parseDouble(value);
  }

  private String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("prompt " + name + " needs a value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  private static Map<String, String> settings(Path file, List<String> lines) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.replaceFirst("\\s*#.*$", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? line : line.substring(0, colon).strip();
      if (colon < 0 || !KEYS.contains(key)) {
        throw invalid(file, "front matter line '" + raw + "' is not one of " + KEYS + " followed by ': value'");
      }
      settings.put(key, line.substring(colon + 1).strip());
    }
    return settings;
  }

  private static Map<String, String> parts(Path file, List<String> lines) {
    Map<String, StringBuilder> parts = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : lines) {
      String heading = line.strip();
      if (heading.equals("# system") || heading.equals("# user")) {
        current = new StringBuilder();
        parts.put(heading.substring(2), current);
      } else if (current != null) {
        current.append(line).append('\n');
      } else if (!line.isBlank()) {
        throw invalid(file, "text before the '# system' line");
      }
    }
    if (!parts.containsKey("system") || !parts.containsKey("user")) {
      throw invalid(file, "needs a '# system' and a '# user' part");
    }
    Map<String, String> trimmed = new LinkedHashMap<>();
    parts.forEach((part, text) -> trimmed.put(part, text.toString().strip()));
    return trimmed;
  }

  private static IllegalArgumentException invalid(Path file, String why) {
    return new IllegalArgumentException("prompt template " + file + " " + why);
  }
}
