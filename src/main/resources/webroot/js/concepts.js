// Built-in CS concepts with model answers for IMYME practice.

/** Each concept: its keyword (sent to the grader), a Korean label and the model answer. */
export const CONCEPTS = [
  {
    keyword: 'Process',
    label: '프로세스',
    modelAnswer: '프로세스(Process)란 컴퓨터에서 실행되고 있는 프로그램을 말합니다. 프로세스는 운영체제로부터 독립된 '
      + '메모리 영역(Code, Data, Stack, Heap)을 할당받으며, 각 프로세스는 별도의 주소 공간을 가집니다. '
      + '프로세스 간 통신(IPC)을 위해서는 별도의 메커니즘이 필요합니다.',
  },
  {
    keyword: 'Thread',
    label: '스레드',
    modelAnswer: '스레드(Thread)는 프로세스 안에서 실행되는 흐름의 단위입니다. 한 프로세스의 스레드들은 Code, Data, '
      + 'Heap 영역을 공유하고 각자 Stack과 레지스터를 가집니다. 자원을 공유하므로 문맥 교환이 프로세스보다 가볍지만, '
      + '공유 자원에 동시에 접근할 때는 동기화가 필요합니다.',
  },
  {
    keyword: 'Virtual Memory',
    label: '가상 메모리',
    modelAnswer: '가상 메모리(Virtual Memory)는 프로세스마다 실제 물리 메모리보다 큰 독립된 주소 공간을 주는 기법입니다. '
      + '가상 주소는 페이지 테이블을 통해 물리 주소로 변환되고, MMU와 TLB가 변환을 돕습니다. 필요한 페이지만 메모리에 '
      + '올리고 없는 페이지에 접근하면 페이지 폴트가 일어나 디스크에서 불러옵니다.',
  },
  {
    keyword: 'Deadlock',
    label: '교착 상태',
    modelAnswer: '교착 상태(Deadlock)는 둘 이상의 프로세스가 서로가 가진 자원을 기다리며 영원히 진행하지 못하는 상태입니다. '
      + '상호 배제, 점유와 대기, 비선점, 순환 대기의 네 조건이 모두 성립할 때 발생하며, 예방, 회피(은행원 알고리즘), '
      + '탐지와 회복으로 다룹니다.',
  },
];
