#include "sim/h5writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
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

namespace {

// The file creation properties of every file tlm writes.
void file_properties(hid_t fcpl, hid_t fapl) {
  // Track creation order so readers list scenarios in the order they were run.
  H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  // Attributes of the root group (the command line) may be of any size: dense attribute storage has no
  // 64 KiB limit (the object header, compact storage, has). It needs the 1.8 file format, which every
  // reader of the last fifteen years (h5py, R, HDF5 1.8+) reads; the upper bound keeps it at that.
  H5Pset_attr_phase_change(fcpl, 0, 0);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18);
}

// Creates <final_path>.tmp<pid>[.<n>] exclusively (O_EXCL: never an existing file, never through a symlink
// planted under its name), beside the target so that the final rename stays on one file system. A name in
// use is skipped for the next. Returns the file; `temp_path` is its name.
hid_t create_temporary(const std::string& final_path, hid_t fcpl, hid_t fapl, std::string& temp_path) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_path = attempt == 0 ? fmt::format("{}.tmp{}", final_path, static_cast<long>(::getpid()))
                             : fmt::format("{}.tmp{}.{}", final_path, static_cast<long>(::getpid()), attempt);
    struct stat st {};
    if (::lstat(temp_path.c_str(), &st) == 0) continue;  // taken (by a file, a link, anything)
    const hid_t file = H5Fcreate(temp_path.c_str(), H5F_ACC_EXCL, fcpl, fapl);
    if (file >= 0) return file;
    if (::lstat(temp_path.c_str(), &st) == 0) continue;  // lost a race for the name
    // Not created: ask the system why (permission, read-only file system, no space, ...).
    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    const std::string reason = fd < 0 ? std::strerror(errno) : "HDF5 could not create it";
    if (fd >= 0) {
      ::close(fd);
      ::unlink(temp_path.c_str());
    }
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path, reason));
  }
  throw std::runtime_error(fmt::format("cannot write {}: no free temporary name beside it", final_path));
}

// Closes `file` (which flushes its metadata: it may fail, a full disk) and renames the temporary into place;
// on any failure the temporary goes and nothing is renamed.
void close_and_rename(hid_t file, const std::string& temp_path, const std::string& final_path) {
  const herr_t closed = H5Fclose(file);
  std::error_code ec;
  if (closed < 0) {
    const std::string reason = hdf5_reason();
    std::filesystem::remove(temp_path, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path, reason));
  }
  std::filesystem::rename(temp_path, final_path, ec);
  if (ec) {
    std::filesystem::remove(temp_path, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path, ec.message()));
  }
}

}  // namespace

H5Writer::H5Writer(std::string final_path) : final_path_(std::move(final_path)) {
  quiet_errors();
  name_ = final_path_;
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  file_properties(fcpl, fapl);
  file_ = create_temporary(final_path_, fcpl, fapl, temp_path_);
}

H5Writer::~H5Writer() {
  if (!done_) abort();
}

void H5File::create_group(const std::string& path) {
  quiet_errors();
  Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
  H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  H5Pset_attr_phase_change(gcpl, 0, 0);  // dense attributes: a resolved scenario of any size (see above)
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle g(checked(H5Gcreate2(file_, path.c_str(), lcpl, gcpl, H5P_DEFAULT), name_, "create group " + path),
           H5Gclose);
}

void H5File::set_attr(const std::string& object, const std::string& name, const std::string& value) {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type, value.empty() ? 1 : value.size());
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  H5Tset_cset(type, H5T_CSET_UTF8);
  write_attr(file_, name_, object, name, type, value.empty() ? "" : value.data());
}
void H5File::set_attr(const std::string& object, const std::string& name, std::uint64_t value) {
  write_attr(file_, name_, object, name, H5T_NATIVE_UINT64, &value);
}
void H5File::set_attr(const std::string& object, const std::string& name, std::int64_t value) {
  write_attr(file_, name_, object, name, H5T_NATIVE_INT64, &value);
}
void H5File::set_attr(const std::string& object, const std::string& name,
                      const std::vector<std::int64_t>& values) {
  write_attr(file_, name_, object, name, H5T_NATIVE_INT64, values.data(),
             static_cast<hsize_t>(values.size()));
}

void H5File::write_strings(const std::string& path, const std::vector<std::string>& values) {
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
                    name_, "create " + path),
            H5Dclose);
  check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), name_, "write " + path);
  check(ds.close_now(), name_, "write " + path);
}

void H5File::write_ints(const std::string& path, const std::vector<int>& values) {
  quiet_errors();
  hsize_t dims[1] = {values.size()};
  Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
  Handle ds(
      checked(H5Dcreate2(file_, path.c_str(), H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              name_, "create " + path),
      H5Dclose);
  check(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name_, "write " + path);
  check(ds.close_now(), name_, "write " + path);
}

void H5File::write_doubles(const std::string& path, const std::vector<double>& values) {
  quiet_errors();
  hsize_t dims[1] = {values.size()};
  Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle ds(checked(H5Dcreate2(file_, path.c_str(), H5T_IEEE_F64LE, space, lcpl, H5P_DEFAULT, H5P_DEFAULT),
                    name_, "create " + path),
            H5Dclose);
  check(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name_,
        "write " + path);
  check(ds.close_now(), name_, "write " + path);
}

void H5File::make_scale(const std::string& path, const std::string& name) {
  quiet_errors();
  Handle ds(checked(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), name_, "open " + path), H5Dclose);
  check(H5DSset_scale(ds, name.c_str()), name_, "make " + path + " a dimension scale");
}

void H5File::attach_scale(const std::string& path, unsigned dim, const std::string& scale) {
  quiet_errors();
  Handle ds(checked(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), name_, "open " + path), H5Dclose);
  Handle sc(checked(H5Dopen2(file_, scale.c_str(), H5P_DEFAULT), name_, "open " + scale), H5Dclose);
  check(H5DSattach_scale(ds, sc, dim), name_,
        fmt::format("attach {} to dimension {} of {}", scale, dim, path));
  char label[64] = {};
  check(H5DSget_scale_name(sc, label, sizeof label) < 0 ? -1 : 0, name_, "read the name of " + scale);
  check(H5DSset_label(ds, dim, label), name_, fmt::format("label dimension {} of {}", dim, path));
}

void H5File::attach_scales(const std::string& path, const std::vector<std::string>& axes) {
  for (std::size_t d = 0; d < axes.size(); ++d) attach_scale(path, static_cast<unsigned>(d), axes[d]);
}

void H5Store::begin_create(const std::string& path) {
  quiet_errors();
  final_path_ = path;
  name_ = path;
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  file_properties(fcpl, fapl);
  std::string temp;
  file_ = create_temporary(path, fcpl, fapl, temp);
  open_.clear();
  temp_path_ = temp;
}

void H5Store::end_create() {
  // Closed and reopened: what is on disk is then the whole structure, before any value is written.
  quiet_errors();
  for (auto& [p, id] : open_) H5Dclose(id);
  open_.clear();
  const hid_t file = file_;
  file_ = -1;
  close_and_rename(file, temp_path_, final_path_);
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  H5Pset_sieve_buf_size(fapl, 0);  // values go to the file as they are written, never held back
  file_ = checked(H5Fopen(final_path_.c_str(), H5F_ACC_RDWR, fapl), final_path_, "reopen");
}

void H5Store::discard() noexcept {
  quiet_errors();
  for (auto& [p, id] : open_) H5Dclose(id);
  open_.clear();
  if (file_ >= 0) H5Fclose(file_);
  H5Eclear2(H5E_DEFAULT);
  file_ = -1;
  std::error_code ec;
  std::filesystem::remove(temp_path_, ec);
}

std::unique_ptr<H5Store> H5Store::open(const std::string& path) {
  quiet_errors();
  auto store = std::unique_ptr<H5Store>(new H5Store());
  store->final_path_ = path;
  store->name_ = path;
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  H5Pset_sieve_buf_size(fapl, 0);
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl);
  if (f < 0) {
    const std::string reason = hdf5_reason();
    throw std::runtime_error(fmt::format("cannot open {}: {}", path, reason));
  }
  store->file_ = f;
  return store;
}

H5Store::~H5Store() {
  quiet_errors();
  for (auto& [p, id] : open_) H5Dclose(id);
  if (file_ >= 0) H5Fclose(file_);
  H5Eclear2(H5E_DEFAULT);
}

std::int64_t H5Store::dataset(const std::string& path) {
  for (const auto& [p, id] : open_)
    if (p == path) return id;
  const hid_t id = checked(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), name_, "open " + path);
  open_.emplace_back(path, id);
  return id;
}

namespace {
void create_full(hid_t file, const std::string& name, const std::string& path,
                 const std::vector<std::size_t>& shape, hid_t type, const void* fill) {
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  check(H5Pset_layout(dcpl, H5D_CONTIGUOUS), name, "layout " + path);
  check(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY), name, "allocate " + path);
  check(H5Pset_fill_time(dcpl, H5D_FILL_TIME_ALLOC), name, "fill " + path);
  check(H5Pset_fill_value(dcpl, type, fill), name, "fill " + path);
  // No modification times in object headers: writing values must leave the structure untouched.
  H5Pset_obj_track_times(dcpl, 0);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle ds(
      checked(H5Dcreate2(file, path.c_str(), type, space, lcpl, dcpl, H5P_DEFAULT), name, "create " + path),
      H5Dclose);
  check(ds.close_now(), name, "create " + path);
}
}  // namespace

void H5Store::create_table(const std::string& path, const std::vector<std::size_t>& shape,
                           const std::string& unit, const std::string& description) {
  quiet_errors();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  create_full(file_, name_, path, shape, H5T_IEEE_F64LE, &nan);
  set_attr(path, "unit", unit);
  set_attr(path, "description", description);
}

void H5Store::create_marks(const std::string& path, const std::vector<std::size_t>& shape) {
  quiet_errors();
  const std::uint8_t zero = 0;
  create_full(file_, name_, path, shape, H5T_STD_U8LE, &zero);
}

void H5Store::write_block(const std::string& path, const std::vector<std::size_t>& index,
                          const double* values) {
  quiet_errors();
  const hid_t ds = dataset(path);
  Handle fspace(H5Dget_space(ds), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(fspace);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(fspace, dims.data(), nullptr);
  std::vector<hsize_t> start(dims.size(), 0), count(dims);
  for (std::size_t d = 0; d < index.size(); ++d) {
    start[d] = index[d];
    count[d] = 1;
  }
  check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), name_,
        "select " + path);
  Handle mspace(H5Screate_simple(rank, count.data(), nullptr), H5Sclose);
  check(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mspace, fspace, H5P_DEFAULT, values), name_, "write " + path);
}

void H5Store::write_marks(const std::string& path, const std::vector<std::uint8_t>& values) {
  quiet_errors();
  check(H5Dwrite(dataset(path), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name_,
        "write " + path);
}

std::vector<std::uint8_t> H5Store::read_marks(const std::string& path) {
  quiet_errors();
  const hid_t ds = dataset(path);
  Handle space(H5Dget_space(ds), H5Sclose);
  const auto n = H5Sget_simple_extent_npoints(space);
  std::vector<std::uint8_t> out(static_cast<std::size_t>(std::max<hssize_t>(n, 0)));
  check(H5Dread(ds, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), name_, "read " + path);
  return out;
}

std::string H5Store::read_string_attr(const std::string& object, const std::string& name) {
  quiet_errors();
  if (H5Aexists_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return {};
  Handle attr(H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  Handle type(H5Aget_type(attr), H5Tclose);
  if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) > 0) return {};
  std::string out(H5Tget_size(type), '\0');
  Handle mem(H5Tcopy(type), H5Tclose);
  check(H5Aread(attr, mem, out.data()), name_, "read attribute " + name);
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

void H5Store::flush() {
  quiet_errors();
  check(H5Fflush(file_, H5F_SCOPE_GLOBAL), name_, "flush");
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file_, H5P_DEFAULT, &handle) >= 0 && handle) {
    if (::fsync(*static_cast<int*>(handle)) != 0)
      throw std::runtime_error(fmt::format("cannot write {}: {}", name_, std::strerror(errno)));
  }
}

void H5Store::close() {
  quiet_errors();
  for (auto& [p, id] : open_) check(H5Dclose(id), name_, "close " + p);
  open_.clear();
  flush();
  const herr_t closed = H5Fclose(file_);
  file_ = -1;
  if (closed < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", name_, hdf5_reason()));
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

void H5Writer::flush() {
  quiet_errors();
  check(H5Fflush(file_, H5F_SCOPE_LOCAL), final_path_, "flush");
}

void H5Writer::commit() {
  quiet_errors();
  if (done_) return;
  done_ = true;
  // Closing flushes the metadata: it may fail (a full disk). The file is never renamed into place then, and
  // the temporary goes.
  const hid_t file = static_cast<hid_t>(file_);
  file_ = -1;
  close_and_rename(file, temp_path_, final_path_);
}

void H5Writer::close() {
  quiet_errors();
  if (done_ || file_ < 0) return;
  const hid_t file = static_cast<hid_t>(file_);
  file_ = -1;
  if (H5Fclose(file) < 0) {
    const std::string reason = hdf5_reason();
    done_ = true;
    std::error_code ec;
    std::filesystem::remove(temp_path_, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", final_path_, reason));
  }
}

void H5Writer::publish() {
  if (done_) return;
  close();
  done_ = true;
  std::error_code ec;
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
