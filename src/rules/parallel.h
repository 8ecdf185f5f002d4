// Runs independent jobs on a few threads and waits for all of them.
//
// Compiling a rule set is dozens of independent RE2 compilations (lexicon matchers, the figure
// recognizer, each rule and the rule prefilter); spreading them over the cores shortens loading,
// which every site build and every library user pays once. Jobs must not share mutable state.
#pragma once

#if defined(__linux__)
#include <sched.h>
#endif

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace factlint {

// One compilation to run, and what it costs relative to the others (pattern length will do).
struct Job {
  std::function<void()> run;
  size_t cost = 0;
};

// The CPUs the calling thread may run on: its affinity mask (taskset, a container's cpuset, a host
// program pinning its threads), which std::thread::hardware_concurrency() does not read; at least
// 1. More threads than that only take turns on the same CPUs.
inline unsigned usable_cpus() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
#endif
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs the jobs, the costliest first so the threads finish together, on up to max_threads threads.
inline void run_jobs(std::vector<Job>& jobs, unsigned max_threads = 4) {
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.cost > b.cost; });
  unsigned n = static_cast<unsigned>(std::min<size_t>({jobs.size(), usable_cpus(), max_threads}));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) jobs[i].run();
  };
  std::vector<std::thread> helpers;
  for (unsigned k = 1; k < n; ++k) helpers.emplace_back(work);
  work();
  for (auto& t : helpers) t.join();
}

}  // namespace factlint
