// The MPI session of a distributed sweep (docs/sweeps.md), the only code that calls MPI. MPI starts only when
// the process was launched by mpirun or srun (with more than one rank): a plain `tlm sweep` never touches
// it. Only the main thread calls MPI (MPI_THREAD_FUNNELED); the workers are oneTBB threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlm::experiment::mpi {

// Message tags between rank 0 (hands out tasks, writes the file) and the other ranks.
enum Tag : int { kRequest = 1, kTasks = 2, kResult = 3, kDone = 4 };

class Session {
 public:
  Session();   // MPI_Init_thread when launched with more than one rank
  ~Session();  // MPI_Finalize
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  bool active() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }

  // Collective: the largest `value` over the ranks.
  int max_over_ranks(int value) const;
  // Collective: rank 0's value.
  std::uint64_t broadcast(std::uint64_t value) const;
  // Collective: rank 0's values (every rank's vector takes rank 0's length).
  void broadcast(std::vector<double>& values) const;
  // Ends every rank of the job (after rank 0 has closed its file).
  [[noreturn]] void abort(int code) const;

  // Point to point (the main thread only).
  void send(int dest, Tag tag, const std::vector<std::uint8_t>& bytes) const;
  // A message waiting from any rank: its source, tag and bytes; false when none.
  bool poll(int& source, int& tag, std::vector<std::uint8_t>& bytes) const;
  std::vector<std::uint8_t> receive(int source, Tag tag) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// How many ranks the launcher started (1 when not launched by mpirun or srun).
int launched_ranks();

}  // namespace tlm::experiment::mpi
