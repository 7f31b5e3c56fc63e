package dev.storyvox.solo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTermsTest {

  /** The model answer of the original IMYME app for "process". */
  static final String PROCESS_ANSWER = "프로세스(Process)란 컴퓨터에서 실행되고 있는 프로그램을 말합니다. "
      + "프로세스는 운영체제로부터 독립된 메모리 영역(Code, Data, Stack, Heap)을 할당받으며, 각 프로세스는 "
      + "별도의 주소 공간을 가집니다. 프로세스 간 통신(IPC)을 위해서는 별도의 메커니즘이 필요합니다.";

  static final String LEARNER = "프로세스는 현재 실행 중인 프로그램을 의미합니다. 각 프로세스는 독립된 메모리 "
      + "공간을 가지며 Code, Data, Stack, Heap 영역으로 나뉩니다.";

  static final List<Term> PROCESS_TERMS = KeyTerms.extract(PROCESS_ANSWER);

  @Test
  void modelAnswerYieldsItsNounsCompoundsAndLatinTermsInOrderOfFirstUse() {
    assertEquals(List.of("프로세스", "Process", "컴퓨터", "프로그램", "운영체제", "메모리", "영역", "메모리 영역",
        "Code", "Data", "Stack", "Heap", "주소", "공간", "주소 공간", "통신", "프로세스 간 통신", "IPC", "메커니즘"),
        texts(PROCESS_TERMS));
  }

  @Test
  void parenthesisedNamesAreLinkedBothWays() {
    assertEquals(List.of("Process"), term("프로세스").aliases());
    assertEquals(List.of("프로세스"), term("Process").aliases());
    assertEquals(List.of("IPC"), term("프로세스 간 통신").aliases());
    assertEquals(List.of("프로세스 간 통신"), term("IPC").aliases());
    assertEquals(List.of(), term("Code").aliases());
  }

  @Test
  void weightCountsUsesInTheModelAnswer() {
    assertEquals(4, term("프로세스").weight());
    assertEquals(1, term("주소 공간").weight());
  }

  @Test
  void noParticlePredicateOrStopwordBecomesATerm() {
    for (String grammar : List.of("프로세스는", "말합니다", "가집니다", "필요합니다", "할당받으며", "실행되고",
        "있는", "독립된", "각", "별도", "별도의", "위해서는", "이란", "란", "간")) {
      assertFalse(texts(PROCESS_TERMS).contains(grammar), grammar + " is not a term");
    }
  }

  @Test
  void learnerExplanationCoversWhatItSays() {
    Coverage coverage = KeyTerms.coverage(PROCESS_TERMS, LEARNER);
    assertEquals(List.of("프로세스", "Process", "프로그램", "메모리", "영역", "Code", "Data", "Stack", "Heap", "공간"),
        coverage.included());
    assertEquals(List.of("컴퓨터", "운영체제", "메모리 영역", "주소", "주소 공간", "통신", "프로세스 간 통신", "IPC",
        "메커니즘"), coverage.missed());
    assertEquals(13.0 / 22, coverage.ratio(), 1e-9);
  }

  @ParameterizedTest(name = "\"{1}\" covers {0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      주소 공간        | 각자 주소공간이 있다                 | true
      주소 공간        | 주 소 공 간                      | true
      IPC          | ipc로 통신한다                    | true
      프로세스 간 통신   | IPC를 쓴다                      | true
      IPC          | 프로세스간 통신을 한다                 | true
      Process      | 프로세스                         | true
      프로세스         | processes run                 | true
      Data         | Database에 저장한다               | false
      Stack        | stacks and heaps              | true
      운영체제         | 운영 체제가 관리한다                  | true
      메커니즘         | 메카니즘                         | false
      """)
  void aTermIsMatchedByAnyOfItsNamesIgnoringSpacesAndCase(String term, String said, boolean covered) {
    Coverage coverage = KeyTerms.coverage(List.of(term(term)), said);
    assertEquals(covered ? List.of(term) : List.of(), coverage.included());
    assertEquals(covered ? 1.0 : 0.0, coverage.ratio());
  }

  @Test
  void englishOnlyExplanationCountsThroughAliases() {
    Coverage coverage = KeyTerms.coverage(PROCESS_TERMS, "A process gets code, data, stack and heap; IPC needs help.");
    assertEquals(List.of("프로세스", "Process", "Code", "Data", "Stack", "Heap", "프로세스 간 통신", "IPC"),
        coverage.included());
  }

  @Test
  void emptyTextsCoverNothing() {
    Coverage silent = KeyTerms.coverage(PROCESS_TERMS, "");
    assertEquals(List.of(), silent.included());
    assertEquals(texts(PROCESS_TERMS), silent.missed());
    assertEquals(0.0, silent.ratio());

    assertEquals(List.of(), KeyTerms.extract(""));
    assertEquals(List.of(), KeyTerms.extract(null));
    assertEquals(new Coverage(List.of(), List.of(), 0), KeyTerms.coverage(List.of(), LEARNER));
  }

  @Test
  void repeatedTermsAppearOnceWeightedInFirstUseOrder() {
    List<Term> terms = KeyTerms.extract("스택은 LIFO 구조입니다. 스택의 push와 pop, 그리고 스택 포인터. lifo!");
    assertEquals(List.of("스택", "LIFO", "구조", "LIFO 구조", "push", "pop", "포인터", "스택 포인터"), texts(terms));
    assertEquals(3, terms.get(0).weight());
    assertEquals(2, terms.get(1).weight());
  }

  @Test
  void anotherAnswerKeepsNounsThatEndLikeParticles() {
    List<Term> terms = KeyTerms.extract("스레드(Thread)는 프로세스 내에서 실행되는 흐름의 단위입니다. 스레드는 "
        + "힙, 데이터, 코드 영역을 공유하며 스택만 따로 할당받습니다. 결과를 정의하는 경로의 길이가 중요합니다.");
    assertEquals(List.of("스레드", "Thread", "프로세스", "흐름", "단위", "힙", "데이터", "코드", "영역", "코드 영역",
        "스택", "결과", "경로", "길이"), texts(terms));
  }

  private static Term term(String text) {
    return PROCESS_TERMS.stream().filter(t -> t.text().equals(text)).findFirst().orElseThrow();
  }

  private static List<String> texts(List<Term> terms) {
    return terms.stream().map(Term::text).toList();
  }
}
