#include "sim/h5writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

namespace tlm::sim {
namespace {

// Closes an HDF5 handle at scope exit; close_now() closes it where a failure must be seen (a dataset's
// close writes its cached chunks).
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  Handle(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
  ~Handle() {
    if (id >= 0) close(id);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  operator hid_t() const { return id; }
  herr_t close_now() {
    const herr_t status = id >= 0 ? close(id) : 0;
    id = -1;
    return status;
  }
};

// Why the last HDF5 call failed, in one line, from its error stack (which is cleared): the system's message
// when a system call failed (HDF5's file driver writes "errno = N" into its description: a full disk, a file
// size limit, an I/O error), else HDF5's innermost description.
std::string hdf5_reason() {
  struct Found {
    int err = 0;
    std::string innermost;
  } found;
  auto walk = [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
    auto& f = *static_cast<Found*>(data);
    const std::string desc = e->desc ? e->desc : "";
    if (const auto pos = desc.find("errno = "); pos != std::string::npos && f.err == 0)
      f.err = std::atoi(desc.c_str() + pos + 8);
    if (!desc.empty()) f.innermost = desc;  // walking downward: the last one is the innermost
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, walk, &found);
  H5Eclear2(H5E_DEFAULT);
  if (found.err > 0) return std::strerror(found.err);
  return found.innermost.empty() ? std::string("HDF5 error") : "HDF5: " + found.innermost;
}

// A failed HDF5 call while writing `target`: "cannot write <target>: <reason>" (e.g. "No space left on
// device"), one line, never HDF5's stack of diagnostics on stderr.
void check(herr_t status, const std::string& target, const std::string& what) {
  if (status < 0) {
    const std::string reason = hdf5_reason();
    throw std::runtime_error(reason.rfind("HDF5", 0) == 0
                                 ? fmt::format("cannot write {}: {} ({})", target, what, reason)
                                 : fmt::format("cannot write {}: {}", target, reason));
  }
}
// HDF5 prints its error stack to stderr unless told not to, and in Debian's thread-safe build that setting is
// per thread: every entry point of the writer turns it off for the calling thread (the run writes from a
// thread of its own). Failures become exceptions with one line, see check().
void quiet_errors() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

hid_t checked(hid_t id, const std::string& target, const std::string& what) {
  check(id < 0 ? -1 : 0, target, what);
  return id;
}

// A scalar attribute, or with `count` a one-dimensional one of `count` values.
void write_attr(hid_t file, const std::string& target, const std::string& object, const std::string& name,
                hid_t type, const void* value, std::optional<hsize_t> count = std::nullopt) {
  quiet_errors();
  Handle obj(checked(H5Oopen(file, object.c_str(), H5P_DEFAULT), target, "open " + object), H5Oclose);
  Handle space(count ? H5Screate_simple(1, &*count, nullptr) : H5Screate(H5S_SCALAR), H5Sclose);
  if (H5Aexists(obj, name.c_str()) > 0) H5Adelete(obj, name.c_str());
  Handle attr(checked(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), target,
                      "attribute " + name),
              H5Aclose);
  check(H5Awrite(attr, type, value), target, "write attribute " + name);
}

}  // namespace

void keep_hdf5_out_of_exit() {
  H5dont_atexit();
}

std::vector<std::string> dead_temporaries(const std::string& final_path) {
  namespace fs = std::filesystem;
  std::vector<std::string> dead;
  const fs::path target(final_path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + ".tmp";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    // <pid> or <pid>.<n>, digits only.
    const std::string rest = name.substr(prefix.size());
    const auto dot = rest.find('.');
    const std::string pid_text = rest.substr(0, dot);
    const std::string n_text = dot == std::string::npos ? "1" : rest.substr(dot + 1);
    auto digits = [](const std::string& s) {
      return !s.empty() && s.size() <= 9 &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(pid_text) || !digits(n_text)) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    dead.push_back(it->path().string());
  }
  return dead;
}

std::vector<std::string> remove_dead_temporaries(const std::string& final_path) {
  namespace fs = std::filesystem;
  std::vector<std::string> removed;
  for (const auto& path : dead_temporaries(final_path)) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(path, ec))) continue;  // never a link or a FIFO
    if (fs::remove(path, ec)) removed.push_back(path);
  }
  return removed;
}

H5Writer::H5Writer(std::string final_path) : final_path_(std::move(final_path)) {
  quiet_errors();
  // Track creation order so readers list scenarios in the order they were run.
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  // Attributes of the root group (the command line) may be of any size: dense attribute storage has no
  // 64 KiB limit (the object header, compact storage, has). It needs the 1.8 file format, which every
  // reader of the last fifteen years (h5py, R, HDF5 1.8+) reads; the upper bound keeps it at that.
  H5Pset_attr_phase_change(fcpl, 0, 0);
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18);
  // The temporary is created exclusively (O_EXCL: never an existing file, never through a symlink planted
  // under its name), beside the target so that the final rename stays on one file system. A name in use is
  // skipped for the next.
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_path_ = attempt == 0
                     ? fmt::format("{}.tmp{}", final_path_, static_cast<long>(::getpid()))
                     : fmt::format("{}.tmp{}.{}", final_path_, static_cast<long>(::getpid()), attempt);
    struct stat st {};
    if (::lstat(temp_path_.c_str(), &st) == 0) continue;  // taken (by a file, a link, anything)
    file_ = H5Fcreate(temp_path_.c_str(), H5F_ACC_EXCL, fcpl, fapl);
    if (file_ >= 0) return;
    if (::lstat(temp_path_.c_str(), &st) == 0) continue;  // lost a race for the name
    // Not created: ask the system why (permission, read-only file system, no space, ...).
    const int fd = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    const std::string reason = fd < 0 ? std::strerror(errno) : "HDF5 could not create it";
    if (fd >= 0) {
      ::close(fd);
      ::unlink(temp_path_.c_str());
    }
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path_, reason));
  }
  throw std::runtime_error(fmt::format("cannot write {}: no free temporary name beside it", final_path_));
}

H5Writer::~H5Writer() {
  if (!done_) abort();
}

void H5Writer::create_group(const std::string& path) {
  quiet_errors();
  Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
  H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  H5Pset_attr_phase_change(gcpl, 0, 0);  // dense attributes: a resolved scenario of any size (see above)
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle g(
      checked(H5Gcreate2(file_, path.c_str(), lcpl, gcpl, H5P_DEFAULT), final_path_, "create group " + path),
      H5Gclose);
}

void H5Writer::set_attr(const std::string& object, const std::string& name, const std::string& value) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type, value.empty() ? 1 : value.size());
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  H5Tset_cset(type, H5T_CSET_UTF8);
  write_attr(file_, final_path_, object, name, type, value.empty() ? "" : value.data());
}
void H5Writer::set_attr(const std::string& object, const std::string& name, std::uint64_t value) {
  write_attr(file_, final_path_, object, name, H5T_NATIVE_UINT64, &value);
}
void H5Writer::set_attr(const std::string& object, const std::string& name, std::int64_t value) {
  write_attr(file_, final_path_, object, name, H5T_NATIVE_INT64, &value);
}
void H5Writer::set_attr(const std::string& object, const std::string& name,
                        const std::vector<std::int64_t>& values) {
  write_attr(file_, final_path_, object, name, H5T_NATIVE_INT64, values.data(),
             static_cast<hsize_t>(values.size()));
}

void H5Writer::write_strings(const std::string& path, const std::vector<std::string>& values) {
  quiet_errors();
  std::size_t width = 1;
  for (const auto& v : values) width = std::max(width, v.size());
  std::vector<char> buf(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) values[i].copy(buf.data() + i * width, width);
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type, width);
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  hsize_t dims[1] = {values.size()};
  Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
  Handle ds(checked(H5Dcreate2(file_, path.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    final_path_, "create " + path),
            H5Dclose);
  check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), final_path_, "write " + path);
  check(ds.close_now(), final_path_, "write " + path);
}

void H5Writer::write_ints(const std::string& path, const std::vector<int>& values) {
  quiet_errors();
  hsize_t dims[1] = {values.size()};
  Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
  Handle ds(
      checked(H5Dcreate2(file_, path.c_str(), H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              final_path_, "create " + path),
      H5Dclose);
  check(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), final_path_,
        "write " + path);
  check(ds.close_now(), final_path_, "write " + path);
}

void H5Writer::create_replicated(const std::string& path, std::size_t replications,
                                 const std::vector<std::size_t>& shape, const std::string& unit,
                                 const std::string& description) {
  quiet_errors();
  std::vector<hsize_t> dims{replications}, chunk{1};
  for (auto d : shape) {
    dims.push_back(d);
    chunk.push_back(std::max<hsize_t>(d, 1));
  }
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), final_path_, "chunk " + path);
  // Shuffle then deflate at level 1: doubles compress better byte-plane by byte-plane, and level 1 costs a
  // fraction of level 4 for nearly the same size (written once per replication, on the run's critical path).
  check(H5Pset_shuffle(dcpl), final_path_, "shuffle " + path);
  check(H5Pset_deflate(dcpl, 1), final_path_, "deflate " + path);
  const double fill = 0.0;
  H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle ds(checked(H5Dcreate2(file_, path.c_str(), H5T_IEEE_F64LE, space, lcpl, dcpl, H5P_DEFAULT),
                    final_path_, "create " + path),
            H5Dclose);
  set_attr(path, "unit", unit);
  set_attr(path, "description", description);
}

void H5Writer::write_replication(const std::string& path, std::size_t replication, const NdArray& values) {
  quiet_errors();
  Handle ds(checked(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), final_path_, "open " + path), H5Dclose);
  Handle fspace(H5Dget_space(ds), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(fspace);
  std::vector<hsize_t> start(rank, 0), count(rank, 1);
  start[0] = replication;
  for (int d = 1; d < rank; ++d) count[d] = values.shape()[d - 1];
  check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
        final_path_, "select " + path);
  Handle mspace(H5Screate_simple(rank, count.data(), nullptr), H5Sclose);
  check(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mspace, fspace, H5P_DEFAULT, values.data()), final_path_,
        "write " + path);
  check(ds.close_now(), final_path_, "write " + path);  // the chunk is written here
}

void H5Writer::commit() {
  quiet_errors();
  if (done_) return;
  done_ = true;
  // Closing flushes the metadata: it may fail (a full disk). The file is never renamed into place then, and
  // the temporary goes.
  const herr_t closed = H5Fclose(static_cast<hid_t>(file_));
  file_ = -1;
  std::error_code ec;
  if (closed < 0) {
    const std::string reason = hdf5_reason();
    std::filesystem::remove(temp_path_, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path_, reason));
  }
  std::filesystem::rename(temp_path_, final_path_, ec);
  if (ec) {
    std::filesystem::remove(temp_path_, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path_, ec.message()));
  }
}

void H5Writer::abort() noexcept {
  quiet_errors();
  if (done_) return;
  done_ = true;
  if (file_ >= 0) {
    // After a write error the close fails too (its flush): HDF5 still releases the file; its diagnostics
    // are of no use to anyone.
    H5Fclose(static_cast<hid_t>(file_));
    H5Eclear2(H5E_DEFAULT);
  }
  file_ = -1;
  std::error_code ec;
  std::filesystem::remove(temp_path_, ec);
}

}  // namespace tlm::sim
