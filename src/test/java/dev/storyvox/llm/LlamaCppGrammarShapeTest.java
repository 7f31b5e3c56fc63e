package dev.storyvox.llm;

import dev.storyvox.TestData;
import org.junit.jupiter.api.BeforeAll;

/** {@link GrammarShapeTest}'s prompts and GBNF grammars on the current llama.cpp (v0.5.0's grammar parser). */
class LlamaCppGrammarShapeTest extends GrammarShapeTest {

  /** Runs after {@link GrammarShapeTest}'s own load (JUnit runs both), replacing its engine. */
  @BeforeAll
  static void loadCurrent() {
    if (engine != null) {
      engine.close();
    }
    engine = LlamaCppEngine.load(CurrentEngine.folder(), TestData.model("stories260Ktok512.gguf"), TestEngine.CONTEXT,
        TestEngine.THREADS, -1, 0, false);
  }
}
