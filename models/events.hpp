// Named random-stream events, one per decision (a stream per call site, as OpenM++ numbers its streams).
// Append only: changing a number changes every result drawn from it.
#pragma once

#include <cstdint>

namespace tlm::models::event {

// Start world (key {world.seed, 0xFFFFFFFF}).
inline constexpr std::uint16_t world_region_weight = 1;
inline constexpr std::uint16_t world_school_size = 2;
inline constexpr std::uint16_t world_school_u = 3;
inline constexpr std::uint16_t world_teacher = 4;
inline constexpr std::uint16_t world_membership_order = 5;
inline constexpr std::uint16_t world_student = 6;          // w0 institute in partnership, w1 subject
inline constexpr std::uint16_t world_reserve = 7;          // w0 age, w1 exp, w2 years out, w3 vo subject
inline constexpr std::uint16_t world_teacher_subject = 8;  // w0 subject of an imported vo teacher without one

// A year of a replication (key {seed, replication}).
inline constexpr std::uint16_t join_order = 20;     // draw order of non-members applying
inline constexpr std::uint16_t join_decision = 21;  // w0 adoption application, w1 acceptance (openness)
inline constexpr std::uint16_t teacher_exit =
    22;  // w0 retirement, w1 attrition/zij dropout, w2 reserve, w3 mobility
inline constexpr std::uint16_t student_progress = 23;    // w0 dropout, w1 delay, w2 sector, w3 market entry
inline constexpr std::uint16_t graduate_market = 24;     // w0 fte, w1 mobility, w2-3 region pick
inline constexpr std::uint16_t intake = 25;              // w0 institute in partnership, w1 subject
inline constexpr std::uint16_t placement = 26;           // w0 draw order, w1-2 school pick
inline constexpr std::uint16_t move = 27;                // w0 draw order, w1-2 school pick
inline constexpr std::uint16_t binding = 28;             // w0 draw order, w1 binding
inline constexpr std::uint16_t seeker = 29;              // w0 draw order, w1-2 school pick, w3 fte
inline constexpr std::uint16_t reserve_return = 30;      // w0 return
inline constexpr std::uint16_t zij_count = 31;           // Poisson count per (region, sector) market
inline constexpr std::uint16_t zij_candidate = 32;       // w0 draw order, w1-2 school pick, w3 age
inline constexpr std::uint16_t groenpluk_school = 33;    // w0 draw order of schools; k = attempt: w1 hire
inline constexpr std::uint16_t groenpluk_student = 34;   // w0 draw order of students
inline constexpr std::uint16_t reserve_region = 35;      // w0-1 region pick when its own has no school
inline constexpr std::uint16_t groenpluk_graduate = 36;  // w0 fte at graduation
inline constexpr std::uint16_t groenpluk_cell = 37;      // k = attempt: w0-1 the cell of a vo school's hire
inline constexpr std::uint16_t graduate_subject = 38;    // w0 vo subject of a graduate without one

}  // namespace tlm::models::event
