package dev.storyvox.korean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransliterationTest {

  @ParameterizedTest(name = "{0} = {1}: {2}")
  @CsvSource({
      "스택, Stack, true", "힙, Heap, true", "데이터, Data, true", "코드, Code, true", "쓰레드, Thread, true",
      "스레드, Thread, true", "프로세스, Process, true", "메모리, Memory, true", "커널, Kernel, true",
      "소켓, Socket, true", "캐시, Cache, true", "라우터, Router, true", "서버, Server, true", "인덱스, Index, true",
      "트랜잭션, Transaction, true", "데드락, Deadlock, true", "뮤텍스, Mutex, true", "세마포어, Semaphore, true",
      "해시, Hash, true", "트리, Tree, true", "그래프, Graph, true", "바이너리, Binary, true",
      "프로토콜, Protocol, true", "패킷, Packet, true", "링크드 리스트, Linked List, true", "페이지, Page, true",
      "포인터, Pointer, true", "테이블, Table, true", "쿼리, Query, true",
      "컴파일러, Compiler, true", "스트링, String, true", "배열, Array, false", "기타, Code, false",
      "주소, Data, false", "공간, Stack, false", "프로그램, Code, false", "운영체제, Kernel, false",
      "통신, Thread, false", "키, Key, true", "큐, Queue, true", "티씨피, TCP, true", "아이피, IP, true", "아이피씨, IPC, true", "티피, TCP, false", "기, Code, false", "탔어요, Data, false", "좋다, Data, false", "영역, Heap, false", "데이터베이스, Data, false"})
  void hangulSpellingsOfEnglishWordsMatch(String hangul, String latin, boolean expected) {
    assertEquals(expected, Transliteration.matches(hangul, latin),
        Transliteration.ofHangul(hangul.replace(" ", "")) + " vs "
            + Transliteration.ofLatin(latin.replace(" ", "").toLowerCase()));
  }
}
