package dev.storyvox.solo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.korean.Hangul;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Concept answers across OS, network, DB and data structures, each with an explanation as a Korean learner says
 * it (English terms in Hangul, spoken endings): the explanation covers what it says, the terms it does not say
 * are the ones missed, and an unrelated explanation covers (almost) nothing.
 */
class KeyTermsConceptsTest {

  private static final String UNRELATED = "오늘은 날씨가 좋아서 친구랑 공원에서 자전거를 탔어요. 점심에는 김밥을 먹었어요.";

  static Stream<Arguments> concepts() {
    return Stream.of(
        Arguments.of("스레드(Thread)는 프로세스 안에서 실행되는 흐름의 단위입니다. 스레드는 Code, Data, Heap 영역을 공유하고 "
            + "Stack은 따로 가집니다.",
            "쓰레드는 프로세스 안에서 돌아가는 실행 흐름 단위예요. 코드랑 데이터, 힙 영역은 공유하고 스택은 따로 있어요.", List.of()),
        Arguments.of("교착 상태(Deadlock)는 두 개 이상의 프로세스가 서로의 자원을 기다리며 멈춘 상태입니다. 상호 배제, 점유 대기, "
            + "비선점, 순환 대기가 모두 성립할 때 발생합니다.",
            "데드락은 프로세스들이 서로 자원을 기다려서 멈춘 거예요. 상호 배제, 점유 대기, 비선점, 순환 대기 네 가지가 다 있어야 돼요.",
            List.of("상태")),
        Arguments.of("세마포어(Semaphore)는 공유 자원에 접근하는 프로세스 수를 제한하는 정수 변수입니다. Mutex는 하나의 스레드만 "
            + "임계 구역에 들어가게 합니다.",
            "세마포어는 공유 자원 접근 수를 정수 변수로 제한하고, 뮤텍스는 스레드 하나만 임계 구역에 들어가게 해요.",
            List.of("프로세스")),
        Arguments.of("가상 메모리(Virtual Memory)는 물리 메모리보다 큰 주소 공간을 제공합니다. 페이지 테이블이 가상 주소를 물리 "
            + "주소로 변환하고, 없는 페이지는 Page Fault로 디스크에서 가져옵니다.",
            "버추얼 메모리는 물리 메모리보다 큰 주소 공간을 줘요. 페이지 테이블로 가상 주소를 물리 주소로 변환하고 "
            + "페이지 폴트가 나면 디스크에서 가져와요.", List.of()),
        Arguments.of("TCP는 연결 지향 프로토콜(Protocol)로 3-way handshake로 연결을 맺고, 순서 보장과 재전송으로 신뢰성을 "
            + "제공합니다. UDP는 연결 없이 빠르게 전송합니다.",
            "티씨피는 연결 지향 프로토콜이고 핸드셰이크로 연결하고 순서 보장, 재전송으로 신뢰성이 있어요. UDP는 연결 없이 빨라요.",
            List.of("3-way handshake")),
        Arguments.of("라우터(Router)는 IP 주소를 보고 패킷(Packet)을 목적지 네트워크로 전달하는 장비입니다. 라우팅 테이블로 "
            + "경로를 결정합니다.",
            "라우터는 아이피 주소를 보고 패킷을 목적지 네트워크로 보내는 장비예요. 라우팅 테이블로 경로를 정해요.",
            List.of()),
        Arguments.of("인덱스(Index)는 테이블의 검색 속도를 높이는 자료 구조입니다. 대부분 B-Tree로 구현되며 삽입과 삭제 시 "
            + "추가 비용이 듭니다.",
            "인덱스는 테이블 검색 속도를 빠르게 하는 자료 구조예요. 보통 비트리로 만들고 삽입, 삭제할 때 추가 비용이 있어요.",
            // 높이는 (raises) reads as the noun 높이 (height), which the learner did not say: a known ambiguity
            List.of("높이", "B-Tree")),
        Arguments.of("트랜잭션(Transaction)은 데이터베이스의 논리적 작업 단위입니다. 원자성, 일관성, 고립성, 지속성(ACID)을 "
            + "보장해야 합니다.",
            "트랜잭션은 데이터베이스 작업 단위고 원자성, 일관성, 고립성, 지속성을 지켜야 해요. 애시드라고 해요.", List.of("논리적 작업 단위")),
        Arguments.of("해시 테이블(Hash Table)은 키를 해시 함수로 변환한 값을 인덱스로 사용해 평균 O(1)에 검색합니다. 충돌은 "
            + "체이닝이나 개방 주소법으로 해결합니다.",
            "해시 테이블은 키를 해시 함수로 변환한 값을 인덱스로 써서 평균 오원에 찾아요. 충돌은 체이닝이나 개방 주소법으로 풀어요.",
            List.of()),
        Arguments.of("큐(Queue)는 먼저 들어온 데이터가 먼저 나가는 FIFO 구조입니다. 스택(Stack)은 나중에 들어온 데이터가 먼저 "
            + "나가는 LIFO 구조입니다.",
            "큐는 먼저 들어온 데이터가 먼저 나가는 선입선출 FIFO 구조고 스택은 나중에 들어온 게 먼저 나가는 LIFO 구조예요.", List.of()),
        Arguments.of("이진 탐색 트리(Binary Search Tree)는 왼쪽 서브트리에 작은 값, 오른쪽 서브트리에 큰 값을 둡니다. 균형이 "
            + "맞으면 탐색은 O(log n)입니다.",
            "바이너리 서치 트리는 왼쪽 서브트리에 작은 값, 오른쪽 서브트리에 큰 값을 둬요. 균형이 맞으면 탐색은 로그 엔 시간이에요.",
            List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("concepts")
  void learnerKoreanCoversTheConcept(String modelAnswer, String learner, List<String> missed) {
    List<Term> terms = KeyTerms.extract(modelAnswer);
    for (Term term : terms) {
      String text = term.text();
      boolean listed = modelAnswer.contains(text + ",") || modelAnswer.contains(text + "(");
      assertFalse(text.length() == 1 && Hangul.isSyllable(text.charAt(0)) && !listed,
          "one-syllable term " + text);
    }
    Coverage coverage = KeyTerms.coverage(terms, learner);
    assertEquals(missed, coverage.missed(), () -> "terms " + terms);
    assertTrue(coverage.ratio() >= 0.75, coverage.toString());
    assertTrue(KeyTerms.coverage(terms, UNRELATED).ratio() <= 0.2, KeyTerms.coverage(terms, UNRELATED).toString());
  }
}
