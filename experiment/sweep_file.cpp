#include "experiment/sweep_file.hpp"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <sstream>

#include <fmt/format.h>

#include "experiment/experiment.hpp"
#include "models/output.hpp"
#include "models/schema.hpp"
#include "models/types.hpp"

namespace tlm::experiment {
namespace {

namespace fs = std::filesystem;

// The first line where two texts differ, as "line N was `a`, is now `b`".
std::string first_difference(const std::string& was, const std::string& now) {
  if (was.find('\n') == std::string::npos && now.find('\n') == std::string::npos)
    return fmt::format("was `{}`, is now `{}`", was, now);
  std::istringstream a(was), b(now);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ga = static_cast<bool>(std::getline(a, la)), gb = static_cast<bool>(std::getline(b, lb));
    if (!ga && !gb) return "it differs";
    if (!ga) la = "(end of text)";
    if (!gb) lb = "(end of text)";
    if (!ga || !gb || la != lb) return fmt::format("line {} was `{}`, is now `{}`", line, la, lb);
  }
}

void check_target(const std::string& path) {
  const auto p = fs::path(path);
  const auto dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw PlanError(fmt::format("cannot write {}: directory {} does not exist", path, dir.string()));
  std::error_code ec;
  const auto st = fs::symlink_status(p, ec);
  if (!ec && fs::exists(st) && !fs::is_regular_file(st))
    throw PlanError(fmt::format("cannot write {}: it exists and is not a regular file", path));
}

}  // namespace

SweepFile::SweepFile(std::string path, const SweepPlan& plan, bool resume,
                     const std::vector<std::pair<std::string, std::string>>& provenance)
    : path_(std::move(path)), plan_(plan), last_flush_(std::chrono::steady_clock::now()) {
  check_target(path_);
  const std::string part = part_path(path_);
  check_target(part);
  removed_ = sim::remove_dead_temporaries(part);
  const std::size_t P = plan.points.size(), R = static_cast<std::size_t>(plan.replications);
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(part, ec));
  if (resume) {
    if (!exists)
      throw PlanError(fmt::format("nothing to resume: {} does not exist{}", part,
                                  fs::exists(path_) ? fmt::format(" ({} is complete)", path_) : ""));
    try {
      store_ = sim::H5Store::open(part);
    } catch (const std::exception& e) {
      throw PlanError(fmt::format("cannot resume: {}; remove it to start the sweep again", e.what()));
    }
    for (const auto& [what, text] : plan.identity()) {
      const std::string was = store_->read_string_attr("/identity", what);
      if (was != text)
        throw PlanError(fmt::format(
            "cannot resume {}: the {} {} from the sweep's ({}); finish it with "
            "the same design and scenarios, or remove it to start again",
            part, what, what == "replications" ? "differ" : "differs", first_difference(was, text)));
    }
    done_ = store_->read_marks("/done");
    failed_ = store_->read_marks("/failed");
    if (done_.size() != P * R || failed_.size() != P * R)
      throw PlanError(fmt::format("cannot resume {}: its marks do not match the design", part));
    std::fill(failed_.begin(), failed_.end(), 0);  // failed tasks run again
    return;
  }
  if (exists)
    throw PlanError(
        fmt::format("{} holds an unfinished sweep; run with --resume to finish it, or remove it to "
                    "start again",
                    part));
  done_.assign(P * R, 0);
  failed_.assign(P * R, 0);
  try {
    store_ = sim::H5Store::create(part, [&](sim::H5Store& f) {
      f.set_attr("/", "format_version", models::kFormatVersion);
      f.set_attr("/", "kind", std::string("sweep"));
      for (const auto& [name, value] : provenance) f.set_attr("/", name, value);
      f.set_attr("/", "design", plan.design.text);
      f.set_attr("/", "design_file", plan.design.path);
      f.set_attr("/", "design_kind", std::string(design_kind_name(plan.design.kind)));
      f.set_attr("/", "seed", static_cast<std::uint64_t>(plan.seed));
      f.set_attr("/", "replications", static_cast<std::int64_t>(plan.replications));
      f.set_attr("/", "points", static_cast<std::int64_t>(P));
      f.set_attr("/", "base_scenario", plan.groups[0]);
      f.set_attr("/", "scenario", plan.resolved[0]);
      f.set_attr("/", "complete", std::int64_t{0});
      f.create_group("/identity");
      for (const auto& [what, text] : plan.identity()) f.set_attr("/identity", what, text);
      // The points table: one column per parameter, in the design's order.
      std::vector<std::string> keys;
      f.create_group("/points");
      for (std::size_t j = 0; j < plan.design.parameters.size(); ++j) {
        const auto& par = plan.design.parameters[j];
        keys.push_back(par.key);
        const std::string col = "/points/" + par.key;
        if (par.numeric()) {
          std::vector<double> v;
          for (const auto& pt : plan.points) v.push_back(pt[j].number);
          f.write_doubles(col, v);
        } else {
          std::vector<std::string> v;
          for (const auto& pt : plan.points) v.push_back(pt[j].label);
          f.write_strings(col, v);
        }
        if (par.low) {
          f.set_attr(col, "low", models::schema::number_toml(*par.low));
          f.set_attr(col, "high", models::schema::number_toml(*par.high));
          f.set_attr(col, "scale", std::string(par.log ? "log" : "linear"));
        }
      }
      f.write_strings("/parameters", keys);
      f.write_strings("/variants", plan.groups);
      models::write_axes(f, "", plan.years, plan.region_names, plan.subject_names, R);
      std::vector<int> point(P);
      std::iota(point.begin(), point.end(), 0);
      f.write_ints("/point", point);
      f.make_scale("/point", "point");
      for (std::size_t v = 0; v < plan.variants(); ++v) {
        const std::string g = "/" + plan.groups[v];
        f.create_group(g);
        f.set_attr(g, "scenario", plan.resolved[v]);
        f.set_attr(g, "role", std::string(v == 0 ? "base" : "alternative"));
        for (const auto& d : plan.datasets) {
          std::vector<std::size_t> shape{P, R};
          shape.insert(shape.end(), d.shape.begin(), d.shape.end());
          f.create_table(g + "/" + d.path, shape, d.unit, d.description);
          for (const auto& [name, value] : d.attributes) f.set_attr(g + "/" + d.path, name, value);
          models::attach_axes(f, "", g.substr(1) + "/" + d.path, {"point", "replication"}, d.axes);
        }
      }
      f.create_marks("/done", {P, R});
      f.create_marks("/failed", {P, R});
      for (const char* marks : {"done", "failed"})
        models::attach_axes(f, "", marks, {"point", "replication"}, {});
      for (const auto& key : keys) models::attach_axes(f, "", "points/" + key, {"point"}, {});
    });
  } catch (const PlanError&) {
    throw;
  } catch (const std::exception& e) {
    throw PlanError(e.what());
  }
}

SweepFile::~SweepFile() {
  // A sweep that stops (an interrupt, an error) leaves its finished tasks marked.
  try {
    if (store_ && dirty_) flush();
  } catch (...) {
  }
}

std::vector<std::size_t> SweepFile::missing() const {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < done_.size(); ++t)
    if (!done_[t]) out.push_back(t);
  return out;
}

std::size_t SweepFile::done() const {
  return static_cast<std::size_t>(std::count(done_.begin(), done_.end(), 1));
}

void SweepFile::write(const TaskResult& result) {
  dirty_ = true;
  if (!result.ok) {
    failed_.at(result.task) = 1;
    return;
  }
  const std::size_t R = static_cast<std::size_t>(plan_.replications);
  const std::vector<std::size_t> index{result.task / R, result.task % R};
  const double* values = result.values.data();
  for (std::size_t v = 0; v < plan_.variants(); ++v)
    for (const auto& d : plan_.datasets) {
      store_->write_block("/" + plan_.groups[v] + "/" + d.path, index, values);
      values += d.size();
    }
  pending_.push_back(result.task);
}

void SweepFile::flush_if_due(std::chrono::seconds every) {
  if (dirty_ && std::chrono::steady_clock::now() - last_flush_ >= every) flush();
}

void SweepFile::flush() {
  store_->flush();  // the values of every task written so far are on disk ...
  for (const auto t : pending_) done_[t] = 1;
  pending_.clear();
  store_->write_marks("/done", done_);  // ... before the marks that say so
  store_->write_marks("/failed", failed_);
  store_->flush();
  dirty_ = false;
  last_flush_ = std::chrono::steady_clock::now();
}

std::size_t SweepFile::finish() {
  flush();
  const auto failed = static_cast<std::size_t>(std::count(failed_.begin(), failed_.end(), 1));
  store_->set_attr("/", "complete", std::int64_t{1});
  store_->set_attr("/", "tasks_failed", static_cast<std::int64_t>(failed));
  try {
    store_->close();
  } catch (const std::exception& e) {
    store_.reset();
    throw std::runtime_error(e.what());
  }
  store_.reset();
  std::error_code ec;
  fs::rename(part_path(path_), path_, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot write {}: {}", path_, ec.message()));
  return failed;
}

}  // namespace tlm::experiment
