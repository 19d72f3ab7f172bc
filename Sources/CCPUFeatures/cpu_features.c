#include "cpu_features.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>

static unsigned long long xcr0(void) {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((unsigned long long)edx << 32) | eax;
}

#define BIT(value, n) (((value) >> (n)) & 1u)

int rnnlab_x86_64_level(void) {
  unsigned int a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 1;
  const int fma = BIT(c, 12), movbe = BIT(c, 22), osxsave = BIT(c, 27), avx = BIT(c, 28), f16c = BIT(c, 29);
  if (!osxsave || !avx) return 1;
  const unsigned long long xcr = xcr0();
  if ((xcr & 0x6) != 0x6) return 1;  // XMM and YMM state saved by the OS
  unsigned int lzcnt = 0;
  if (__get_cpuid(0x80000001u, &a, &b, &c, &d)) lzcnt = BIT(c, 5);
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 1;
  const int bmi1 = BIT(b, 3), avx2 = BIT(b, 5), bmi2 = BIT(b, 8);
  if (!(avx2 && fma && bmi1 && bmi2 && f16c && lzcnt && movbe)) return 1;
  const int avx512 = BIT(b, 16) && BIT(b, 17) && BIT(b, 28) && BIT(b, 30) && BIT(b, 31);  // F DQ CD BW VL
  if (avx512 && (xcr & 0xe0) == 0xe0) return 4;  // opmask and ZMM state saved
  return 3;
}
#else
int rnnlab_x86_64_level(void) { return 1; }
#endif
