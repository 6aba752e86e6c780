#include "experiment/mpi.hpp"

// The C API only: OpenMPI's mpi.h otherwise pulls in its deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace tlm::experiment::mpi {

int launched_ranks() {
  // OpenMPI's mpirun, PMIx (srun --mpi=pmix) and PMI-1/2 launchers each say how many ranks they started.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"})
    if (const char* v = std::getenv(name)) {
      const int n = std::atoi(v);
      if (n > 0) return n;
    }
  return 1;
}

Session::Session() {
  if (launched_ranks() <= 1) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (size_ <= 1) {
    MPI_Finalize();
    size_ = 1;
    rank_ = 0;
  }
}

Session::~Session() {
  if (size_ > 1) MPI_Finalize();
}

int Session::max_over_ranks(int value) const {
  if (size_ <= 1) return value;
  int out = value;
  MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return out;
}

std::uint64_t Session::broadcast(std::uint64_t value) const {
  if (size_ <= 1) return value;
  unsigned long long v = value;
  MPI_Bcast(&v, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  return v;
}

void Session::broadcast(std::vector<double>& values) const {
  if (size_ <= 1) return;
  values.resize(static_cast<std::size_t>(broadcast(static_cast<std::uint64_t>(values.size()))));
  if (!values.empty())
    MPI_Bcast(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
}

void Session::abort(int code) const {
  if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

void Session::send(int dest, Tag tag, const std::vector<std::uint8_t>& bytes) const {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    throw std::runtime_error("an MPI message over 2 GiB (a task's values): run with fewer regions");
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

bool Session::poll(int& source, int& tag, std::vector<std::uint8_t>& bytes) const {
  int flag = 0;
  MPI_Status st;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  if (!flag) return false;
  int count = 0;
  MPI_Get_count(&st, MPI_BYTE, &count);
  bytes.resize(static_cast<std::size_t>(count));
  MPI_Recv(bytes.data(), count, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  source = st.MPI_SOURCE;
  tag = st.MPI_TAG;
  return true;
}

std::vector<std::uint8_t> Session::receive(int source, Tag tag) const {
  MPI_Status st;
  MPI_Probe(source, tag, MPI_COMM_WORLD, &st);
  int count = 0;
  MPI_Get_count(&st, MPI_BYTE, &count);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(count));
  MPI_Recv(bytes.data(), count, MPI_BYTE, source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

}  // namespace tlm::experiment::mpi
