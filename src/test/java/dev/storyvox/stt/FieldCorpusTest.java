package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared corpus of children's answers ({@code ../shared/fixtures/korean/fields.tsv}): each utterance parses
 * to one of its accepted values; for characters an accepted value is a set of names, compared as a set.
 */
class FieldCorpusTest {

  static Stream<Arguments> corpus() throws IOException {
    List<String> lines = Files.readAllLines(TestData.shared().resolve("fixtures/korean/fields.tsv"));
    return lines.stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t"))
        .map(cols -> Arguments.of(cols[0], cols[1], cols[2]));
  }

  @ParameterizedTest(name = "{0}: \"{1}\" → one of \"{2}\"")
  @MethodSource("corpus")
  void parsesTheCorpus(String field, String utterance, String accepted) {
    FieldType type = FieldType.fromWire(field);
    String parsed = FieldParser.parse(type, utterance);
    boolean ok = Arrays.stream(accepted.split("\\|"))
        .anyMatch(value -> type == FieldType.CHARACTERS ? names(value).equals(names(parsed)) : value.equals(parsed));
    assertTrue(ok, "\"" + utterance + "\" parsed to \"" + parsed + "\", accepted: " + accepted);
  }

  private static Set<String> names(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
