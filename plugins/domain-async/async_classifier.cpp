// What an async optimization looks like in a commit. Weights: 2 = enough on
// its own to keep the domain, 1 = supporting evidence.
#include "domain-async/async_module.hpp"
#include "prhost/sdk/helpers/keyword_classifier.hpp"

namespace prhost::plugins::async {
namespace {

using sdk::helpers::Keyword;
using sdk::helpers::MatchMode;

constexpr std::string_view kMarks[] = {"async"};

constexpr Keyword kProse[] = {
    {"asyncio", 2, "talks about asyncio", MatchMode::Word},
    {"anyio", 2, "talks about anyio", MatchMode::Word},
    {"async", 2, "talks about async code", MatchMode::Word},
    {"await", 2, "talks about awaiting"},
    {"gather", 2, "gathers coroutines"},
    {"concurren", 2, "adds concurrency"},
    {"event loop", 2, "talks about the event loop"},
    {"coroutine", 2, "talks about coroutines"},
    {"non-blocking", 1, "makes a call non-blocking"},
    {"semaphore", 1, "bounds concurrency"},
    {"in parallel", 1, "runs work in parallel"},
};

constexpr Keyword kCode[] = {
    {"async def", 2, "defines a coroutine"},
    {"await", 2, "awaits", MatchMode::Word},
    {"asyncio.", 2, "calls asyncio"},
    {"anyio.", 2, "calls anyio"},
    {"trio.", 1, "calls trio"},
    {"async with", 1, "uses an async context manager"},
    {"async for", 1, "iterates asynchronously"},
    {"TaskGroup", 1, "runs tasks in a group", MatchMode::Word},
    {"run_in_executor", 1, "moves blocking work off the loop"},
    {"to_thread", 1, "moves blocking work off the loop"},
};

constexpr sdk::helpers::DomainKeywords kKeywords{"async", kMarks, kProse, kCode};

}  // namespace

sdk::DomainClassifier make_classifier() { return sdk::helpers::make_keyword_classifier("async.classifier", kKeywords); }

}  // namespace prhost::plugins::async
