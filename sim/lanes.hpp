// Passes over agents four at a time: lanes of doubles, and an AVX2 copy of a pass chosen at run time.
//
// The lanes are GCC's vector extensions: `*`, `-`, `<` and `?:` act lane by lane, each lane the exact IEEE
// operation of the scalar code, so a pass over four agents at once gives the scalar pass's bits. Compiled for
// plain x86-64 they become pairs of SSE2 instructions; inside `with_avx2` one AVX instruction (no FMA is
// enabled, so no product is ever fused with a sum: the bits stay those of the scalar formula).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tlm::sim {

inline constexpr std::size_t kLanes = 4;
using Doubles4 = double __attribute__((vector_size(32)));
using Mask4 = std::int64_t __attribute__((vector_size(32)));  // a comparison's lanes: -1 (true) or 0

// A lane of a mask from a bool: all ones (true) or 0, as a comparison gives.
inline std::int64_t lane_mask(bool b) {
  return -static_cast<std::int64_t>(b);
}

// Four values of a column's type as a small vector (the source of a conversion to lanes).
template <class T>
struct Small4;
template <>
struct Small4<std::int16_t> {
  using type = std::int16_t __attribute__((vector_size(8)));
};
template <>
struct Small4<std::uint8_t> {
  using type = std::uint8_t __attribute__((vector_size(4)));
};
template <>
struct Small4<std::uint32_t> {
  using type = std::uint32_t __attribute__((vector_size(16)));
};
template <>
struct Small4<double> {
  using type = Doubles4;
};

// out = four consecutive values from p, each converted to out's lane type (int64 or double; exact for every
// column type here). Through a reference, never returned: a function returning a 32-byte vector would change
// its calling convention with the instruction set.
template <class V, class T>
[[gnu::always_inline]] inline void load4(V& out, const T* p) {
  typename Small4<T>::type v;
  std::memcpy(&v, p, sizeof v);
  out = __builtin_convertvector(v, V);
}

// The lanes of v, converted to T, into four consecutive values at p (the values must fit T).
template <class T, class V>
[[gnu::always_inline]] inline void store4(T* p, const V& v) {
  const auto small = __builtin_convertvector(v, typename Small4<T>::type);
  std::memcpy(p, &small, sizeof small);
}

// Whether this CPU runs AVX2 (asked once); false when the environment sets TLM_NO_AVX2.
bool cpu_has_avx2();

namespace detail {
template <class Pass>
[[gnu::target("avx2")]] void run_avx2(Pass& pass) {
  pass();
}
template <class Pass>
void run_plain(Pass& pass) {
  pass();
}
}  // namespace detail

// Runs `pass()` compiled for AVX2 where the CPU has it, else for plain x86-64. `pass` must be a lambda marked
// [[gnu::always_inline]], so that its body (and what it inlines) is compiled inside each copy. Both copies
// compute the same bits. Vector values stay local to the lambda: a function taking or returning a 32-byte
// vector would have a different calling convention in the two copies.
template <class Pass>
void with_avx2(Pass&& pass) {
#if defined(__x86_64__)
  if (cpu_has_avx2()) {
    detail::run_avx2(pass);
    return;
  }
#endif
  detail::run_plain(pass);
}

}  // namespace tlm::sim
