package dev.storyvox.llm;

import com.sun.jna.Pointer;
import de.kherud.llama.LlamaModel;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The sampler chain of one request on the current llama.cpp: the GBNF grammar first (a JSON schema alone is
 * turned into one by java-llama.cpp's converter), the repeat penalty, then greedy for temperature 0, else
 * top-k 40, top-p, min-p 0.05, temperature and a seeded draw: the same settings java-llama.cpp 4.2.0 used.
 */
final class LlamaCppSampling {

  private static final Pattern ROOT_RULE = Pattern.compile("(?m)^\\s*root\\s*::=");
  private static final int TOP_K = 40;
  private static final float MIN_P = 0.05f;
  private static final int PENALTY_LAST_N = 64;

  private LlamaCppSampling() {
  }

  /** A new chain for {@code req}; the caller frees it with {@code llama_sampler_free}. */
  static Pointer chain(LlamaCppApi api, Pointer vocab, LlmRequest req) {
    String grammar = grammar(req);
    Pointer grammarSampler = null;
    if (grammar != null) {
      grammarSampler = api.llama_sampler_init_grammar(vocab, grammar, "root");
      if (grammarSampler == null) {
        throw new ServiceException(ErrorCode.LLM_FAILURE, "the GBNF grammar of " + req.requestId()
            + " does not parse (llama.cpp's log has the details)");
      }
    }
    Pointer chain = api.llama_sampler_chain_init((byte) 1);
    if (grammarSampler != null) {
      api.llama_sampler_chain_add(chain, grammarSampler);
    }
    if (req.repeatPenalty() != 1.0) {
      api.llama_sampler_chain_add(chain, api.llama_sampler_init_penalties(PENALTY_LAST_N,
          (float) req.repeatPenalty(), 0f, 0f));
    }
    if (req.temperature() <= 0) {
      api.llama_sampler_chain_add(chain, api.llama_sampler_init_greedy());
      return chain;
    }
    api.llama_sampler_chain_add(chain, api.llama_sampler_init_top_k(TOP_K));
    api.llama_sampler_chain_add(chain, api.llama_sampler_init_top_p((float) req.topP(), 1));
    api.llama_sampler_chain_add(chain, api.llama_sampler_init_min_p(MIN_P, 1));
    api.llama_sampler_chain_add(chain, api.llama_sampler_init_temp((float) req.temperature()));
    int seed = req.seed() == LlmRequest.RANDOM_SEED ? ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)
        : (int) req.seed();
    api.llama_sampler_chain_add(chain, api.llama_sampler_init_dist(seed));
    return chain;
  }

  private static String grammar(LlmRequest req) {
    if (req.grammar() != null) {
      if (!ROOT_RULE.matcher(req.grammar()).find()) {
        throw new ServiceException(ErrorCode.LLM_FAILURE, "the GBNF grammar of " + req.requestId()
            + " has no root rule");
      }
      return req.grammar();
    }
    return req.jsonSchema() == null ? null : LlamaModel.jsonSchemaToGrammar(LlamaEngine.checkedSchema(req));
  }
}
