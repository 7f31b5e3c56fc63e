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
    assertEquals(List.of("프로세스", "컴퓨터", "프로그램", "운영체제", "메모리 영역", "Code", "Data", "Stack", "Heap",
        "주소 공간", "프로세스 간 통신", "메커니즘"), texts(PROCESS_TERMS));
  }

  @Test
  void aParenthesisedGlossThatSpellsOrAbbreviatesTheTermIsThatTerm() {
    assertEquals(List.of("Process"), term("프로세스").aliases());
    assertEquals(List.of("IPC"), term("프로세스 간 통신").aliases());
    assertEquals(List.of(), term("Code").aliases());
  }

  @Test
  void aGlossThatIsAnotherWordIsATermOfItsOwn() {
    List<Term> terms = KeyTerms.extract("프로그램(Code)은 디스크에 있고 프로세스가 되면 메모리를 받을 수 있습니다.");
    assertEquals(List.of("프로그램", "Code", "디스크", "프로세스", "메모리"), texts(terms));
    assertEquals(List.of(), terms.get(0).aliases());
  }

  @Test
  void aCompoundCountsOnceAndItsPartsOnlyWhereUsedAlone() {
    List<Term> terms = KeyTerms.extract("가상 메모리는 주소 공간을 나눕니다. 메모리가 부족하면 디스크를 씁니다.");
    assertEquals(List.of("가상 메모리", "주소 공간", "메모리", "디스크"), texts(terms));
  }

  @Test
  void weightCountsUsesInTheModelAnswerByAnyNameCapped() {
    assertEquals(KeyTerms.MAX_WEIGHT, term("프로세스").weight());
    assertEquals(2, term("프로세스 간 통신").weight());
    assertEquals(1, term("주소 공간").weight());
  }

  @Test
  void noParticlePredicateOrStopwordBecomesATerm() {
    for (String grammar : List.of("프로세스는", "말합니다", "가집니다", "필요합니다", "할당받으며", "실행되고",
        "있는", "독립된", "각", "별도", "별도의", "위해서는", "이란", "란", "간", "받", "받을", "할당받")) {
      assertFalse(texts(PROCESS_TERMS).contains(grammar), grammar + " is not a term");
    }
  }

  @Test
  void learnerExplanationCoversWhatItSays() {
    Coverage coverage = KeyTerms.coverage(PROCESS_TERMS, LEARNER);
    assertEquals(List.of("프로세스", "프로그램", "메모리 영역", "Code", "Data", "Stack", "Heap"), coverage.included());
    assertEquals(List.of("컴퓨터", "운영체제", "주소 공간", "프로세스 간 통신", "메커니즘"), coverage.missed());
    assertEquals(9.0 / 15, coverage.ratio(), 1e-9);
  }

  @Test
  void hangulSpellingsCoverTheEnglishTerms() {
    Coverage coverage = KeyTerms.coverage(PROCESS_TERMS, "프로세스는 실행 중인 프로그램이고 메모리에 코드, 데이터, "
        + "스택, 힙 영역을 가져요. 주소 공간이 따로 있고 프로세스끼리 통신하려면 IPC가 필요해요.");
    assertEquals(List.of("컴퓨터", "운영체제", "메커니즘"), coverage.missed());
    assertEquals(12.0 / 15, coverage.ratio(), 1e-9);
  }

  @ParameterizedTest(name = "\"{1}\" covers {0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      주소 공간        | 각자 주소공간이 있다                 | true
      주소 공간        | 주 소 공 간                      | true
      프로세스 간 통신   | ipc로 통신한다                    | true
      프로세스 간 통신   | IPC를 쓴다                      | true
      주소 공간        | 주소와 공간                       | true
      Stack        | 스택에 쌓인다                      | true
      Heap         | 힙에서 할당한다                     | true
      Data         | 데이터베이스에 저장한다                 | false
      Code         | 기타 등등                        | false
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
    assertEquals(List.of("프로세스", "Code", "Data", "Stack", "Heap", "프로세스 간 통신"), coverage.included());
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
    List<Term> terms = KeyTerms.extract("스택은 LIFO 구조입니다. 스택의 push와 pop, 그리고 스택 포인터. 스택! lifo!");
    assertEquals(List.of("스택", "LIFO 구조", "push", "pop", "스택 포인터", "lifo"), texts(terms));
    assertEquals(3, terms.get(0).weight());
    assertEquals(1, terms.get(1).weight());
  }

  @Test
  void anotherAnswerKeepsNounsThatEndLikeParticles() {
    List<Term> terms = KeyTerms.extract("스레드(Thread)는 프로세스 내에서 실행되는 흐름의 단위입니다. 스레드는 "
        + "힙, 데이터, 코드 영역을 공유하며 스택만 따로 할당받습니다. 결과를 정의하는 경로의 길이가 중요합니다.");
    assertEquals(List.of("스레드", "프로세스", "흐름", "단위", "힙", "데이터", "코드 영역", "스택", "결과", "경로",
        "길이"), texts(terms));
    assertEquals(List.of("Thread"), terms.get(0).aliases());
    assertEquals(List.of("스레드"), KeyTerms.coverage(terms.subList(0, 1), "쓰레드는 실행 흐름이에요").included());
  }

  private static Term term(String text) {
    return PROCESS_TERMS.stream().filter(t -> t.text().equals(text)).findFirst().orElseThrow();
  }

  private static List<String> texts(List<Term> terms) {
    return terms.stream().map(Term::text).toList();
  }
}
