// A SIGKILLed prhost runs no code at all, so the process groups it was
// running would live on: PR_SET_PDEATHSIG ends each direct child, but not
// what that child started (codeflash's pytest, a benchmark's workers). The
// watchdog is a tiny process forked on the first child start; prhost tells it
// over a socket which groups are live, and when the socket closes — prhost
// exited, however it exited — it SIGKILLs the groups still listed and exits.
// It runs in its own process group (a `kill -9 -<prhost's group>` spares
// it) and ignores SIGINT, SIGTERM and SIGHUP.
#pragma once

#include <sys/types.h>

namespace prhost::services {

// Starts the watchdog if needed (best effort: without it only the
// PR_SET_PDEATHSIG guarantee remains) and lists `group` as live.
void watch_group(pid_t group) noexcept;
// Takes `group` off the list (it ended normally).
void unwatch_group(pid_t group) noexcept;
// The watchdog's pid, 0 when it is not running; it is prhost's child but not
// one of the processes prhost must end.
pid_t watchdog_pid() noexcept;

}  // namespace prhost::services
