package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldParserTest {

  @ParameterizedTest(name = "[{index}] {0}: \"{1}\" → \"{2}\"")
  @CsvSource(delimiter = '|', textBlock = """
      era        | 옛날 옛적에                       | 옛날
      era        | 음... 옛날옛날이요                  | 옛날
      era        | 아주 먼 옛날이요.                  | 옛날
      era        | 그 옛날로 해 주세요                  | 옛날
      era        | 지금이요                         | 현대
      era        | 요즘요!                          | 현대
      era        | 오늘날                           | 현대
      era        | 현재로 할게요                      | 현대
      era        | 먼 미래!                         | 미래
      era        | 미래 시대가 좋아요                   | 미래
      era        | 미래가 좋겠어요                    | 미래
      era        | 조선시대요                        | 조선 시대
      era        | 조선 시대 때요                     | 조선 시대
      era        | 조선이요                         | 조선 시대
      era        | 고려시대                         | 고려 시대
      era        | 삼국 시대였으면 좋겠어요               | 삼국 시대
      era        | 공룡 시대였으면 좋겠어요               | 공룡 시대
      era        | 공룡이 좋아요                      | 공룡 시대
      era        | 석기시대로 해줘                     | 석기 시대
      era        | 중세 시대요                       | 중세
      era        | 로마시대                         | 로마 시대
      era        | 그러니까… 옛날 옛적에요               | 옛날
      era        |   조선    시대                    | 조선 시대
      place      | 우주에서요                        | 우주
      place      | 숲이요                           | 숲
      place      | 바다                            | 바다
      place      | 바다요                           | 바다
      place      | 바다가 좋아요                      | 바다
      place      | 바닷가에서                        | 바닷가
      place      | 하늘나라                          | 하늘나라
      place      | 하늘나라에 가고 싶어요                 | 하늘나라
      place      | 숲으로 해 주세요                    | 숲
      place      | 하늘로 해줘                       | 하늘
      place      | 깊은 숲 속이요                     | 깊은 숲 속
      place      | 음, 그러니까 마을이요                 | 마을
      place      | 동해요                           | 동해
      place      | 미로                            | 미로
      place      | 나는   우주   정거장이   좋아요          | 우주 정거장
      place      | 과자 나라였으면 좋겠어요               | 과자 나라
      place      | 놀이터에서                        | 놀이터
      place      | 해                             | 해
      characters | 토끼랑 거북이                      | 토끼, 거북이
      characters | 토끼하고 거북이랑 곰                  | 토끼, 거북이, 곰
      characters | 토끼와 거북이                      | 토끼, 거북이
      characters | 공주님과 용                       | 공주님, 용
      characters | 곰 세 마리                        | 곰 세 마리
      characters | 곰 세 마리랑 여우요                  | 곰 세 마리, 여우
      characters | 고양이                           | 고양이
      characters | 고양이가                          | 고양이
      characters | 고양이요                          | 고양이
      characters | 호랑이랑 원숭이가 나와요               | 호랑이, 원숭이
      characters | 나비, 토끼, 그리고 거북이              | 나비, 토끼, 거북이
      characters | 공룡이                           | 공룡
      characters | 로봇이랑 강아지                     | 로봇, 강아지
      characters | robot and dragon              | robot, dragon
      characters | Robot이랑 용이요                  | Robot, 용
      characters | 착한 공주님이랑 용감한 기사               | 착한 공주님, 용감한 기사
      characters | 토끼랑 토끼                       | 토끼
      characters | 엄마하고 아빠가 좋겠어요               | 엄마, 아빠
      characters | 사과랑 바나나                      | 사과, 바나나
      characters | 토끼,거북이                       | 토끼, 거북이
      characters | 용과 공주                         | 용, 공주
      characters | 해랑 달이요                       | 해, 달
      characters | 아기 돼지 삼형제요                   | 아기 돼지 삼형제
      topic      | 우정에 대한 이야기                   | 우정
      topic      | 우정이요                          | 우정
      topic      | 용기에 관한 이야기를 해 주세요            | 용기
      topic      | 마법에 대해서요                     | 마법
      topic      | 친구를 돕는 이야기요                  | 친구를 돕는 이야기
      topic      | 모험할래요                         | 모험
      topic      | 사랑                            | 사랑
      topic      | 우주 여행이 좋겠어요                  | 우주 여행
      topic      | 공룡 이야기                        | 공룡 이야기
      """)
  void parsesWhatTheChildMeant(String field, String text, String expected) {
    assertEquals(expected, FieldParser.parse(FieldType.fromWire(field), text));
  }

  /** How children and learners really say it: names that end like endings, idioms, fillers anywhere. */
  @ParameterizedTest(name = "[{index}] {0}: \"{1}\" → \"{2}\"")
  @CsvSource(delimiter = '|', textBlock = """
      characters | 뽀로로랑 크롱                     | 뽀로로, 크롱
      characters | 뽀로로                          | 뽀로로
      characters | 타요                           | 타요
      characters | 타요랑 로기요                     | 타요, 로기
      characters | 일곱 난쟁이                      | 일곱 난쟁이
      characters | 쌍둥이랑 개구쟁이                  | 쌍둥이, 개구쟁이
      characters | 난쟁이요                         | 난쟁이
      characters | 마법사랑 요정                     | 마법사, 요정
      characters | 기사랑 공주                      | 기사, 공주
      characters | 천사랑 악마                      | 천사, 악마
      characters | 엘사랑 안나요                     | 엘사, 안나
      characters | 공주님 왕자님                     | 공주님, 왕자님
      characters | 음 그러니까 토끼랑 어 거북이요          | 토끼, 거북이
      characters | 호랑이하고 곰이요                   | 호랑이, 곰
      characters | 시청해 주셔서 감사합니다.              |
      era        | 음… 옛날 옛적 조선 시대요              | 조선 시대
      era        | 미래요. 로봇이 있는 미래               | 미래
      era        | 호랑이 담배 피우던 시절                | 옛날
      era        | 호랑이가 담배 피우던 시절이요            | 옛날
      era        | 공룡이 살던 시대요                   | 공룡 시대
      era        | 저기 그냥 현대요                    | 현대
      era        | 할머니가 어렸을 때                   | 옛날
      era        | 그러니까 먼 훗날이요                  | 미래
      era        | 구독과 좋아요 부탁드립니다              |
      place      | 학교에서 놀고 싶어요                  | 학교
      place      | 바다에서 수영하고 싶어요                | 바다
      place      | 음 놀이터에서 그네 타고 싶어            | 놀이터
      place      | 우주로 가고 싶어요                   | 우주
      place      | 다음 영상에서 만나요                  |
      place      | MBC 뉴스 김철수입니다.               |
      place      | 시청해 주셔서 감사합니다. 숲이요          | 숲
      place      | 바다요 바다                        | 바다
      topic      | 우정에 관한 거                     | 우정
      topic      | 용기에 대한 거요                    | 용기
      topic      | 음 그 가족에 대해서 이야기요             | 가족
      topic      | 자연에 관한 동화                    | 자연
      topic      | 보물을 찾는 거요                    | 보물을 찾는 것
      topic      | 동요                            | 동요
      """)
  void parsesAnswersAsChildrenSayThem(String field, String text, String expected) {
    assertEquals(expected == null ? "" : expected, FieldParser.parse(FieldType.fromWire(field), text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"시청해 주셔서 감사합니다.", "구독과 좋아요 부탁드려요!", "다음 영상에서 만나요", "MBC 뉴스 이재석입니다.",
      "감사합니다."})
  void silenceHallucinationsAreRecognised(String text) {
    assertTrue(FieldParser.onlyHallucinations(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"숲이요", "감사하는 마음이요", "시청해 주셔서 감사합니다. 숲이요", "음", ""})
  void realAnswersAreNoHallucination(String text) {
    assertFalse(FieldParser.onlyHallucinations(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "음", "음... 어...", "음음음, 그러니까… 있잖아", "?!"})
  void answersWithoutContentParseToEmpty(String text) {
    for (FieldType type : FieldType.values()) {
      assertEquals("", FieldParser.parse(type, text), type + " of '" + text + "'");
    }
  }

  @ParameterizedTest
  @EnumSource(FieldType.class)
  void wireNamesRoundTrip(FieldType type) {
    assertEquals(type, FieldType.fromWire(type.wire()));
  }

  @Test
  void unknownFieldTypeNamesTheAllowedOnes() {
    ServiceException e = assertThrows(ServiceException.class, () -> FieldType.fromWire("weather"));
    assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    assertEquals("field_type must be one of era, place, characters, topic, not 'weather'", e.getMessage());
  }
}
