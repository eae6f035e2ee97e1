#include "runner/process.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/async.hpp>
#include <cstdio>
#include <functional>

namespace snipcheck {

namespace bp = boost::process;
namespace asio = boost::asio;

namespace {

// Reads a pipe to its end, keeping at most `cap` bytes.
struct CappedReader {
    bp::async_pipe pipe;
    std::string data;
    std::array<char, 65536> buf{};
    std::size_t cap;
    bool truncated = false;

    std::function<void()> on_eof;

    CappedReader(asio::io_context& io, std::size_t c) : pipe(io), cap(c) {}

    void start() {
        pipe.async_read_some(asio::buffer(buf), [this](const boost::system::error_code& ec, std::size_t n) {
            if (n > 0) {
                std::size_t room = data.size() < cap ? cap - data.size() : 0;
                data.append(buf.data(), std::min(n, room));
                truncated |= n > room;
            }
            if (!ec) {
                start();
            } else if (on_eof) {
                on_eof();
            }
        });
    }
};

struct Rlimits {
    const ProcessLimits* limits;
    template <class Executor>
    void operator()(Executor&) const {
        auto set = [](int what, std::optional<unsigned long> v) {
            if (v) {
                rlimit r{*v, *v};
                setrlimit(what, &r);
            }
        };
        set(RLIMIT_CPU, limits->cpu_seconds);
        set(RLIMIT_AS, limits->address_space_bytes);
        set(RLIMIT_FSIZE, limits->file_size_bytes);
        set(RLIMIT_NPROC, limits->processes);
        setpgid(0, 0);  // own process group: a timeout kills the whole tree
    }
};

// A program as given with a slash, else looked up on the PATH of `env` (or snipcheck's own
// when `env` has none); "" when it is nowhere.
std::string find_program(const std::string& name, const std::map<std::string, std::string>& env) {
    if (name.find('/') != std::string::npos) {
        return name;
    }
    auto path_it = env.find("PATH");
    if (path_it == env.end()) {
        return bp::search_path(name).string();
    }
    std::vector<std::filesystem::path> dirs;
    std::string p = path_it->second;
    for (std::size_t s = 0; s <= p.size();) {
        std::size_t c = p.find(':', s);
        dirs.emplace_back(p.substr(s, c == std::string::npos ? std::string::npos : c - s));
        if (c == std::string::npos) {
            break;
        }
        s = c + 1;
    }
    return bp::search_path(name, dirs).string();
}

// An exit told apart from a signal; a kill by our own timeout is the timeout, not a signal.
void read_status(int native, ProcessResult& result) {
    if (WIFSIGNALED(native)) {
        result.signaled = !result.timed_out;
        result.signal = WTERMSIG(native);
    } else {
        result.exit_code = WEXITSTATUS(native);
    }
}

}  // namespace

std::map<std::string, std::string> inherited_env(std::initializer_list<const char*> names) {
    std::map<std::string, std::string> env;
    for (const char* k : names) {
        if (const char* v = std::getenv(k)) {
            env[k] = v;
        }
    }
    return env;
}

std::string format_command(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) {
        if (!out.empty()) {
            out += ' ';
        }
        bool plain = !a.empty() && a.find_first_of(" \t\n'\"$`\\*?;&|<>(){}[]") == std::string::npos;
        if (plain) {
            out += a;
        } else {
            out += '\'';
            for (char c : a) {
                out += c == '\'' ? std::string("'\\''") : std::string(1, c);
            }
            out += '\'';
        }
    }
    return out;
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          const std::string& working_dir, const ProcessLimits& limits) {
    ProcessResult result;
    auto started = std::chrono::steady_clock::now();
    asio::io_context io;
    CappedReader out(io, limits.max_output_bytes);
    CappedReader err(io, limits.max_output_bytes);
    bp::environment environment;
    for (const auto& [k, v] : env) {
        environment[k] = v;
    }
    std::string exe = find_program(argv.empty() ? "" : argv[0], env);
    if (exe.empty()) {
        result.spawn_error = (argv.empty() ? std::string() : argv[0]) + ": command not found";
        return result;
    }
    std::vector<std::string> args(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
    std::error_code ec;
    // No io_context among the arguments: given one, Boost.Process installs a SIGCHLD handler
    // that writes to Asio's signal pipe, and a child that dies after a failed exec can signal
    // once that pipe's reader is gone: SIGPIPE killed snipcheck. We reap with wait() instead.
    bp::child child(bp::exe = exe, bp::args = args, bp::env = environment, bp::start_dir = working_dir,
                    bp::std_in < bp::null, bp::std_out > out.pipe, bp::std_err > err.pipe,
                    bp::extend::on_exec_setup = Rlimits{&limits}, ec);
    if (ec) {
        result.spawn_error = exe + ": " + ec.message();
        return result;
    }
    pid_t pid = child.id();
    asio::steady_timer timer(io, limits.wall_time);
    timer.async_wait([&](const boost::system::error_code& tec) {
        if (!tec) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);  // the whole process group
            ::kill(pid, SIGKILL);
        }
    });
    int open_streams = 2;
    auto closed = [&] {
        if (--open_streams == 0) {
            timer.cancel();
        }
    };
    out.on_eof = closed;
    err.on_eof = closed;
    out.start();
    err.start();
    io.run();  // until both streams end (the child exited or was killed) and the timer is done
    std::error_code wait_ec;
    child.wait(wait_ec);
    read_status(child.native_exit_code(), result);
    result.out = std::move(out.data);
    result.err = std::move(err.data);
    result.output_truncated = out.truncated || err.truncated;
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return result;
}

std::string run_failure(const ProcessResult& r, const std::string& tool) {
    if (!r.spawn_error.empty()) {
        return tool + " could not be started: " + r.spawn_error;
    }
    if (r.timed_out) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(r.elapsed.count()) / 1000.0);
        return tool + " ran out of wall time after " + seconds + " s";  // "after 0 s" for 100 ms said nothing
    }
    if (r.signaled) {
        return tool + " was killed by signal " + std::to_string(r.signal);
    }
    if (r.output_truncated) {
        return tool + " said more than the output cap keeps: its output was cut short";
    }
    return "";
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace snipcheck
