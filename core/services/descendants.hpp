// Processes that left their process group — a benchmark that starts a
// helper with `start_new_session=True`, a daemon that calls setsid() — are
// out of reach of killpg(). prhost marks itself a child subreaper
// (PR_SET_CHILD_SUBREAPER), so when such a process's parent exits, the kernel
// hands it to prhost instead of init; after every child prhost looks for
// these adopted orphans in /proc and ends them (with their own descendants).
// The same walk answers "is anything of ours still running?" for the exit
// check.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace prhost::services {

// Makes this process the reaper of its orphaned descendants. Idempotent;
// best effort (a kernel without subreapers leaves orphans to init, and
// killpg still ends everything that stayed in its group).
void become_subreaper() noexcept;

struct ProcessEntry {
  pid_t pid = 0;
  pid_t parent = 0;
  char state = '?';  // R, S, D, Z, T ... from /proc/<pid>/stat
  std::string name;  // the command name (comm), for messages
};

// Every process below this one in the process tree, except `excluded` ones
// (and their trees). Zombies included: they are not gone until reaped.
std::vector<ProcessEntry> live_descendants(const std::vector<pid_t>& excluded);

// Ends every adopted orphan and everything below it: SIGTERM, up to `grace`
// for them to go, then SIGKILL; reaps the ones that became our children.
// `own_children` are live children prhost still waits for itself (they are not
// orphans). Returns how many processes it had to end.
std::size_t end_adopted_orphans(const std::vector<pid_t>& own_children, std::chrono::milliseconds grace);

}  // namespace prhost::services
