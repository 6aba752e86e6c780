// HDF5 output written atomically: everything goes to a temporary file beside the target, renamed over it by
// commit(); a writer destroyed without commit() removes its temporary. Debian's HDF5 is not thread-safe:
// one thread owns a writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/array.hpp"

namespace tlm::sim {

// Call first thing in main(), before any HDF5 call: HDF5 then does not close what is open at exit. After a
// write error (a full disk) HDF5 1.10's H5Fclose fails and leaves the file half closed, and its exit handler
// crashes on it (SIGSEGV after the error message). Every file tlm writes or reads is closed explicitly.
void keep_hdf5_out_of_exit();

// The entries named <final_path>.tmp<pid>[.<n>] beside `final_path` whose pid is no longer alive (not this
// process's): what writers of `final_path` left behind when their process died. Of any file type; callers
// decide which they may remove.
std::vector<std::string> dead_temporaries(const std::string& final_path);

// Removes the temporaries that writers of `final_path` left behind when their process died (SIGKILL, a lost
// machine): regular files named <final_path>.tmp<pid>[.<n>] whose pid is no longer alive. Returns their
// paths.
std::vector<std::string> remove_dead_temporaries(const std::string& final_path);

class H5Writer {
 public:
  // Throws std::runtime_error when the temporary cannot be created (e.g. the directory does not exist).
  explicit H5Writer(std::string final_path);
  ~H5Writer();
  H5Writer(const H5Writer&) = delete;
  H5Writer& operator=(const H5Writer&) = delete;

  const std::string& temp_path() const { return temp_path_; }

  void create_group(const std::string& path);
  void set_attr(const std::string& object, const std::string& name, const std::string& value);
  void set_attr(const std::string& object, const std::string& name, std::uint64_t value);
  void set_attr(const std::string& object, const std::string& name, std::int64_t value);
  void set_attr(const std::string& object, const std::string& name, const std::vector<std::int64_t>& values);
  // Fixed-length ASCII strings (R and h5py read them without help).
  void write_strings(const std::string& path, const std::vector<std::string>& values);
  void write_ints(const std::string& path, const std::vector<int>& values);
  // A float64 dataset [replications, shape...], chunked per replication, deflate 4.
  void create_replicated(const std::string& path, std::size_t replications,
                         const std::vector<std::size_t>& shape, const std::string& unit,
                         const std::string& description);
  void write_replication(const std::string& path, std::size_t replication, const NdArray& values);

  // Closes the file and renames it to the final path.
  void commit();
  // Closes and removes the temporary file.
  void abort() noexcept;

 private:
  std::string final_path_;
  std::string temp_path_;
  std::int64_t file_ = -1;
  bool done_ = false;
};

}  // namespace tlm::sim
