// Stream::draw_many: Philox4x32-10 on eight counters at once (AVX2), bit for bit the Random123 function.
#include "sim/random.hpp"

#include <cassert>
#include <cstdlib>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tlm::sim {
namespace {

// Random123's constants (philox.h): multipliers and the Weyl key increments.
constexpr std::uint32_t kM0 = 0xD2511F53, kM1 = 0xCD9E8D57;
constexpr std::uint32_t kW0 = 0x9E3779B9, kW1 = 0xBB67AE85;

#if defined(__x86_64__)
#define TLM_HAVE_AVX2_PATH 1

// Four counters per register, one per 64-bit lane, each word in the lane's low half: _mm256_mul_epu32 reads
// only the low halves, so the high halves may hold garbage, and a product's high half is its `hi` word.
struct Lanes4 {
  __m256i c0, c1, c2, c3;
};

__attribute__((target("avx2"))) inline void philox_round(Lanes4& x, __m256i m0, __m256i m1, __m256i k0,
                                                         __m256i k1) {
  const __m256i p0 = _mm256_mul_epu32(x.c0, m0), p1 = _mm256_mul_epu32(x.c2, m1);
  x.c0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x.c1), k0);
  x.c1 = p1;
  x.c2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x.c3), k1);
  x.c3 = p0;
}

__attribute__((target("avx2"))) inline void store4(const Lanes4& x, Words* out) {
  const __m256i t01 = _mm256_blend_epi32(x.c0, _mm256_slli_epi64(x.c1, 32), 0b10101010);
  const __m256i t23 = _mm256_blend_epi32(x.c2, _mm256_slli_epi64(x.c3, 32), 0b10101010);
  const __m256i d02 = _mm256_unpacklo_epi64(t01, t23), d13 = _mm256_unpackhi_epi64(t01, t23);
  auto* o = reinterpret_cast<__m256i*>(out);
  _mm256_storeu_si256(o, _mm256_permute2x128_si256(d02, d13, 0x20));      // draws 0, 1
  _mm256_storeu_si256(o + 1, _mm256_permute2x128_si256(d02, d13, 0x31));  // draws 2, 3
}

__attribute__((target("avx2"))) std::size_t draw8_avx2(const std::uint64_t* ids, std::size_t n,
                                                       std::uint32_t c2_all, std::uint32_t c3_all,
                                                       std::uint32_t key0, std::uint32_t key1, Words* out) {
  const __m256i m0 = _mm256_set1_epi64x(kM0), m1 = _mm256_set1_epi64x(kM1);
  __m256i k0[10], k1[10];  // the round keys (a plain array: std::array drops __m256i's alignment attribute)
  for (int round = 0; round < 10; ++round) {
    k0[round] = _mm256_set1_epi32(static_cast<int>(key0 + static_cast<std::uint32_t>(round) * kW0));
    k1[round] = _mm256_set1_epi32(static_cast<int>(key1 + static_cast<std::uint32_t>(round) * kW1));
  }
  const __m256i c2 = _mm256_set1_epi64x(c2_all), c3 = _mm256_set1_epi64x(c3_all);
  std::size_t i = 0;
  // Two groups of four in flight, so the multiplier pipeline stays busy across a round's latency.
  for (; i + 8 <= n; i += 8) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ids + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ids + i + 4));
    Lanes4 x{a, _mm256_srli_epi64(a, 32), c2, c3}, y{b, _mm256_srli_epi64(b, 32), c2, c3};
    for (int round = 0; round < 10; ++round) {
      philox_round(x, m0, m1, k0[round], k1[round]);
      philox_round(y, m0, m1, k0[round], k1[round]);
    }
    store4(x, out + i);
    store4(y, out + i + 4);
  }
  return i;
}

bool non_empty_env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

// Whether draw_many takes its AVX2 path: the CPU has AVX2 (asked once) and the environment does not set
// TLM_NO_AVX2.
bool cpu_has_avx2() {
  // TLM_NO_AVX2 (set, not empty) takes the plain x86-64 path on any CPU: a test compares both paths' bits.
  static const bool has = __builtin_cpu_supports("avx2") && !non_empty_env("TLM_NO_AVX2");
  return has;
}

#endif

}  // namespace

void Stream::draw_many(std::span<const std::uint64_t> ids, int year, std::uint16_t event,
                       std::span<Words> out, std::uint32_t k) const {
  assert(out.size() >= ids.size());
  static_assert(sizeof(Words) == 16);
  std::size_t done = 0;
#ifdef TLM_HAVE_AVX2_PATH
  if (cpu_has_avx2())
    done = draw8_avx2(ids.data(), ids.size(), (static_cast<std::uint32_t>(year) << 16) | event, k, key_[0],
                      key_[1], out.data());
#endif
  for (std::size_t i = done; i < ids.size(); ++i) out[i] = draw(ids[i], year, event, k);
}

}  // namespace tlm::sim
