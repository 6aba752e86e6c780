// HDF5 output written atomically: everything goes to a temporary file beside the target, renamed over it by
// commit(); a writer destroyed without commit() removes its temporary. Debian's HDF5 is not thread-safe:
// one thread owns a writer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
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

// An open HDF5 file and the writes both kinds of file share. `name_` is the path errors name.
class H5File {
 public:
  H5File() = default;
  H5File(const H5File&) = delete;
  H5File& operator=(const H5File&) = delete;

  void create_group(const std::string& path);
  void set_attr(const std::string& object, const std::string& name, const std::string& value);
  void set_attr(const std::string& object, const std::string& name, std::uint64_t value);
  void set_attr(const std::string& object, const std::string& name, std::int64_t value);
  void set_attr(const std::string& object, const std::string& name, const std::vector<std::int64_t>& values);
  // Fixed-length ASCII strings (R and h5py read them without help).
  void write_strings(const std::string& path, const std::vector<std::string>& values);
  void write_ints(const std::string& path, const std::vector<int>& values);
  void write_doubles(const std::string& path, const std::vector<double>& values);
  // Dimension scales (HDF5's H5DS, as netCDF-4 and xarray read them): marks the 1-D dataset `path` as the
  // scale of the axis `name` (e.g. "year"), and attaches a scale to dimension `dim` of the dataset `path`,
  // labelling that dimension with the scale's axis name.
  void make_scale(const std::string& path, const std::string& name);
  void attach_scale(const std::string& path, unsigned dim, const std::string& scale);
  // Attaches the scales `axes` (paths, one per dimension, in order) to the dimensions of `path`.
  void attach_scales(const std::string& path, const std::vector<std::string>& axes);

 protected:
  ~H5File() = default;
  std::string name_;
  std::int64_t file_ = -1;
};

// A file written in place, part by part, that stays readable when its writer dies (a sweep in progress,
// docs/sweeps.md): every dataset is created at its full size with its space allocated at once (contiguous,
// no filter), so that writing values never changes the file's structure; flush() puts what was written on
// disk (fsync). Created under a temporary name and renamed into place complete, so a file of this name is
// never half created.
class H5Store : public H5File {
 public:
  // Creates `path` (which must not exist); the structure is written by `build`, then the file is renamed
  // into place. Throws std::runtime_error.
  template <class Build>
  static std::unique_ptr<H5Store> create(const std::string& path, Build&& build) {
    auto store = std::unique_ptr<H5Store>(new H5Store());
    store->begin_create(path);
    try {
      build(*store);
    } catch (...) {
      store->discard();
      throw;
    }
    store->end_create();
    return store;
  }
  // Opens an existing file for writing. Throws std::runtime_error when it cannot be read as HDF5.
  static std::unique_ptr<H5Store> open(const std::string& path);
  ~H5Store();

  // A float64 dataset of `shape`, NaN until written.
  void create_table(const std::string& path, const std::vector<std::size_t>& shape, const std::string& unit,
                    const std::string& description);
  // A uint8 dataset of `shape`, 0 until written.
  void create_marks(const std::string& path, const std::vector<std::size_t>& shape);
  // Writes the block at `index` (the leading coordinates; the rest of the dataset's dimensions whole).
  void write_block(const std::string& path, const std::vector<std::size_t>& index, const double* values);
  void write_marks(const std::string& path, const std::vector<std::uint8_t>& values);
  std::vector<std::uint8_t> read_marks(const std::string& path);
  std::string read_string_attr(const std::string& object, const std::string& name);
  // Writes everything to the file and the file to the disk.
  void flush();
  // Flushes and closes (throws on failure: a full disk).
  void close();

 private:
  H5Store() = default;
  void begin_create(const std::string& path);
  void end_create();
  void discard() noexcept;
  std::int64_t dataset(const std::string& path);
  std::string final_path_;
  std::string temp_path_;
  std::vector<std::pair<std::string, std::int64_t>> open_;  // datasets kept open while writing
};

class H5Writer : public H5File {
 public:
  // Throws std::runtime_error when the temporary cannot be created (e.g. the directory does not exist).
  explicit H5Writer(std::string final_path);
  ~H5Writer();
  H5Writer(const H5Writer&) = delete;
  H5Writer& operator=(const H5Writer&) = delete;

  const std::string& temp_path() const { return temp_path_; }

  // A float64 dataset [replications, shape...], chunked per replication, deflate 4.
  void create_replicated(const std::string& path, std::size_t replications,
                         const std::vector<std::size_t>& shape, const std::string& unit,
                         const std::string& description);
  void write_replication(const std::string& path, std::size_t replication, const NdArray& values);

  // Puts what was written into the temporary file (no fsync), so that a reader of it sees its structure.
  void flush();
  // Closes the file and renames it to the final path.
  void commit();
  // The two halves of commit(), for outputs that appear together or not at all: close() closes the file under
  // its temporary name (on a failure, a full disk, it throws and the temporary goes); publish() renames it
  // into place. Destroyed before publish(), the writer removes the temporary.
  void close();
  void publish();
  // Closes and removes the temporary file.
  void abort() noexcept;

 private:
  std::string final_path_;
  std::string temp_path_;
  bool done_ = false;
};

}  // namespace tlm::sim
