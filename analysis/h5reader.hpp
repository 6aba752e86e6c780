// Reading HDF5 files written by tlm (results files and sweep files, docs/output.md) with the HDF5 C API:
// owned identifiers, HDF5's error printing silenced, and a reader whose every failure is an InputError that
// names the file. Internal to analysis/: results.cpp and sweep_results.cpp share it.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/results.hpp"

namespace tlm::analysis::h5 {

// A dataset's shape as messages write it: [3, 4].
inline std::string shape_text(const std::vector<std::size_t>& shape) {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}
// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = H5I_INVALID_HID;
  }
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// HDF5 prints its error stack to stderr by default; our callers get one clear exception instead. The
// previous handler is restored so that the writer's diagnostics in the same process are unaffected.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

struct Reader {
  std::string path;
  Handle file;
  // What the file should be, for messages: "results file" or "sweep file".
  std::string kind = "results file";

  explicit Reader(const std::string& p) : path(p) {
    if (auto why = file_problem(p); !why.empty()) throw InputError(why);
    // A writer's temporary (<file>.tmp<pid>) that HDF5 cannot open is a file still being written (HDF5 locks
    // it) or left by a killed writer: said so rather than "not HDF5".
    if (H5Fis_hdf5(p.c_str()) <= 0) {
      if (is_temporary_name(p)) throw InputError(unfinished(p));
      throw InputError(fmt::format("{}: not a tlm results file (not an HDF5 file)", p));
    }
    file = Handle(H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid())
      throw InputError(is_temporary_name(p) ? unfinished(p)
                                            : fmt::format("{}: cannot open the HDF5 file", p));
  }

  // Whether the name ends in .tmp<pid> or .tmp<pid>.<n>, the temporaries of tlm's writers.
  static bool is_temporary_name(const std::string& p) {
    const auto pos = p.rfind(".tmp");
    if (pos == std::string::npos || pos + 4 == p.size()) return false;
    const std::string rest = p.substr(pos + 4);
    return rest.find_first_not_of("0123456789.") == std::string::npos && rest.front() != '.';
  }
  static std::string unfinished(const std::string& p) {
    return fmt::format(
        "{}: an unfinished run: its results file is still being written, or its run was stopped before the "
        "end; wait for the run to finish, or run it again",
        p);
  }

  // A results file is created with the root attribute complete = 0 and set to 1 just before it is renamed
  // into place (docs/output.md): 0 is a run still writing it or killed, never a file to analyse. Files of a
  // tlm before the attribute have none; they were only ever renamed into place whole. Sweep and calibration
  // files (root attribute kind) have their own.
  void check_complete() const {
    if (has_attr("/", "kind") || !has_attr("/", "complete")) return;
    if (number_attr<std::int64_t>("/", "complete", H5T_NATIVE_INT64) != 1) throw InputError(unfinished(path));
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(fmt::format("{}: not a valid tlm {}: {}", path, kind, what));
  }

  bool exists(const std::string& name) const {
    // H5Lexists checks one link at a time: every intermediate group must exist first.
    std::size_t pos = 0;
    while (true) {
      pos = name.find('/', pos + 1);
      std::string prefix = name.substr(0, pos);
      if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
      if (pos == std::string::npos) return true;
    }
  }

  Handle open_dataset(const std::string& name) const {
    Handle d(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.valid()) fail(fmt::format("missing dataset {}", name));
    return d;
  }

  static std::vector<std::size_t> dims_of(hid_t space) {
    int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, d.data(), nullptr);
    return {d.begin(), d.end()};
  }

  // The shape of a dataset, without reading it.
  std::vector<std::size_t> shape_of(const std::string& name) const {
    Handle d = open_dataset(name);
    Handle space(H5Dget_space(d.get()), H5Sclose);
    return dims_of(space.get());
  }

  Array read_array(const std::string& name, std::size_t expected_rank) const {
    Handle d = open_dataset(name);
    Handle space(H5Dget_space(d.get()), H5Sclose);
    Array a;
    a.shape = dims_of(space.get());
    if (a.shape.size() != expected_rank)
      fail(fmt::format("{} has rank {}, expected {}", name, a.shape.size(), expected_rank));
    std::size_t n = 1;
    for (auto s : a.shape) n *= s;
    a.data.resize(n);
    if (n > 0 && H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0)
      fail(fmt::format("cannot read {} as numbers", name));
    return a;
  }

  std::vector<int> read_ints(const std::string& name) const {
    Handle d = open_dataset(name);
    Handle space(H5Dget_space(d.get()), H5Sclose);
    auto shape = dims_of(space.get());
    if (shape.size() != 1) fail(fmt::format("{} is not one-dimensional", name));
    std::vector<int> v(shape[0]);
    if (!v.empty() && H5Dread(d.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
      fail(fmt::format("cannot read {} as integers", name));
    return v;
  }

  // Strings may be fixed-length (what tlm writes, readable by R) or variable-length (h5py's default).
  std::vector<std::string> read_strings(const std::string& name) const {
    Handle d = open_dataset(name);
    Handle space(H5Dget_space(d.get()), H5Sclose);
    Handle ftype(H5Dget_type(d.get()), H5Tclose);
    auto shape = dims_of(space.get());
    if (shape.size() != 1 || H5Tget_class(ftype.get()) != H5T_STRING)
      fail(fmt::format("{} is not a list of strings", name));
    return read_string_values(ftype.get(), space.get(), shape[0], [&](hid_t mem, void* buf) {
      return H5Dread(d.get(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
    });
  }

  template <class ReadFn>
  std::vector<std::string> read_string_values(hid_t ftype, hid_t space, std::size_t n, ReadFn&& read) const {
    std::vector<std::string> out;
    if (n == 0) return out;
    if (H5Tis_variable_str(ftype) > 0) {
      Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
      H5Tset_size(mem.get(), H5T_VARIABLE);
      H5Tset_cset(mem.get(), H5Tget_cset(ftype));  // HDF5 does not convert ASCII <-> UTF-8
      std::vector<char*> buf(n, nullptr);
      if (read(mem.get(), buf.data()) < 0) fail("cannot read strings");
      for (char* s : buf) out.emplace_back(s ? s : "");
      H5Dvlen_reclaim(mem.get(), space, H5P_DEFAULT, buf.data());
    } else {
      std::size_t width = H5Tget_size(ftype);
      Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
      H5Tset_size(mem.get(), width);
      H5Tset_strpad(mem.get(), H5T_STR_NULLPAD);
      H5Tset_cset(mem.get(), H5Tget_cset(ftype));
      std::vector<char> buf(n * width, '\0');
      if (read(mem.get(), buf.data()) < 0) fail("cannot read strings");
      for (std::size_t i = 0; i < n; ++i) {
        std::string s(buf.data() + i * width, width);
        s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out.push_back(std::move(s));
      }
    }
    return out;
  }

  // Whether a dataset holds strings (a sweep's points of a text grid) rather than numbers.
  bool is_string_dataset(const std::string& name) const {
    Handle d = open_dataset(name);
    Handle ftype(H5Dget_type(d.get()), H5Tclose);
    return H5Tget_class(ftype.get()) == H5T_STRING;
  }

  // An axis of names (regions, sectors, …) as tlm writes it: not empty, no name twice.
  std::vector<std::string> axis(const std::string& name) const {
    auto v = read_strings(name);
    if (v.empty()) fail(fmt::format("{} is empty", name));
    auto sorted = v;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      fail(fmt::format("{} names one entry twice", name));
    return v;
  }

  // The years axis: a run of consecutive years.
  std::vector<int> years(const std::string& name) const {
    auto y = read_ints(name);
    if (y.empty()) fail(fmt::format("{} is empty", name));
    for (std::size_t i = 1; i < y.size(); ++i)
      if (y[i] != y[i - 1] + 1)
        fail(fmt::format("{} is not a run of consecutive years ({} follows {})", name, y[i], y[i - 1]));
    return y;
  }

  bool has_attr(const std::string& obj, const std::string& attr) const {
    return H5Aexists_by_name(file.get(), obj.c_str(), attr.c_str(), H5P_DEFAULT) > 0;
  }

  std::string string_attr(const std::string& obj, const std::string& attr) const {
    if (!has_attr(obj, attr)) return {};
    Handle a(H5Aopen_by_name(file.get(), obj.c_str(), attr.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    Handle ftype(H5Aget_type(a.get()), H5Tclose);
    Handle space(H5Aget_space(a.get()), H5Sclose);
    if (H5Tget_class(ftype.get()) != H5T_STRING)
      fail(fmt::format("attribute {} of {} is not a string", attr, obj));
    auto v = read_string_values(ftype.get(), space.get(), 1,
                                [&](hid_t mem, void* buf) { return H5Aread(a.get(), mem, buf); });
    return v.empty() ? std::string{} : v.front();
  }

  template <class T>
  T number_attr(const std::string& obj, const std::string& attr, hid_t mem_type) const {
    T v{};
    if (!has_attr(obj, attr)) return v;
    Handle a(H5Aopen_by_name(file.get(), obj.c_str(), attr.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (H5Aread(a.get(), mem_type, &v) < 0)
      fail(fmt::format("attribute {} of {} is not a number", attr, obj));
    return v;
  }

  // The file's format version (the root attribute format_version; a file without it is of version 1, written
  // before versions were recorded). Anything but the version this analysis reads is refused, naming both.
  int format_version() const {
    if (!has_attr("/", "format_version")) return 1;
    return number_attr<int>("/", "format_version", H5T_NATIVE_INT);
  }
  void check_format() const {
    const int v = format_version();
    if (v != kReadableFormatVersion)
      fail(
          fmt::format("results format version {}{}, but this tlm reads format version {}; run the {} again "
                      "with this tlm",
                      v, has_attr("/", "format_version") ? "" : " (no format_version attribute)",
                      kReadableFormatVersion, kind == "sweep file" ? "sweep" : "scenarios"));
  }

  // A one-dimensional integer attribute (or a scalar, as one value); fails when absent.
  std::vector<int> required_ints_attr(const std::string& obj, const std::string& attr) const {
    if (!has_attr(obj, attr))
      fail(fmt::format("{} lacks the attribute {} (written by an older tlm? run it again)", obj, attr));
    Handle a(H5Aopen_by_name(file.get(), obj.c_str(), attr.c_str(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    Handle space(H5Aget_space(a.get()), H5Sclose);
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 1 || n > 1000) fail(fmt::format("attribute {} of {} has {} values", attr, obj, n));
    std::vector<int> v(static_cast<std::size_t>(n));
    if (H5Aread(a.get(), H5T_NATIVE_INT, v.data()) < 0)
      fail(fmt::format("attribute {} of {} is not an integer", attr, obj));
    return v;
  }

  // Links of a group, in creation order when the group tracks it, otherwise in name order.
  std::vector<std::string> links(const std::string& group) const {
    std::vector<std::string> names;
    auto op = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    Handle g(H5Gopen2(file.get(), group.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.valid()) fail(fmt::format("missing group {}", group));
    hsize_t idx = 0;
    if (H5Literate(g.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, op, &names) < 0) {
      names.clear();
      idx = 0;
      H5Literate(g.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, op, &names);
    }
    return names;
  }

  bool is_scenario_group(const std::string& name) const {
    return exists(name + "/years") && exists(name + "/metrics");
  }
};

}  // namespace tlm::analysis::h5
