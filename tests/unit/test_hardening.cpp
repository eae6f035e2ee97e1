// The hardening fixes at the level of pure functions: text cut and escaped for reports,
// failed tool runs told apart from tools that ran, records and profiles of the wrong types
// refused, several files written all or none.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model/file_io.hpp"
#include "model/snippet.hpp"
#include "report/json_report.hpp"
#include "report/text_util.hpp"
#include "runner/process.hpp"
#include "runner/sandbox.hpp"
#include "toolchains/profile.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > s.size()) {
            return false;
        }
        char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
        for (std::size_t k = 1; k < n; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += n;
    }
    return true;
}

// True when `s` is UTF-8 made only of characters XML 1.0 allows, with no raw markup.
bool xml_safe(std::string s) {
    for (const char* entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
        for (auto at = s.find(entity); at != std::string::npos; at = s.find(entity, at)) {
            s.replace(at, std::string(entity).size(), " ");
        }
    }
    if (!valid_utf8(s) || s.find_first_of("<>&\"'") != std::string::npos) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) {
            return false;
        }
        // U+FFFE and U+FFFF: EF BF BE / EF BF BF.
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            return false;
        }
    }
    return true;
}

ProcessLimits limits_ms(int ms) {
    ProcessLimits l;
    l.wall_time = std::chrono::milliseconds(ms);
    return l;
}

const std::map<std::string, std::string> kEnv{{"PATH", "/usr/bin:/bin"}};

}  // namespace

TEST_CASE("cut_at_char never cuts inside a UTF-8 sequence", "[hardening][text]") {
    const std::string euro = "\xE2\x82\xAC";      // U+20AC, 3 bytes
    const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600, 4 bytes
    const std::string e_acute = "\xC3\xA9";       // U+00E9, 2 bytes

    CHECK(cut_at_char("short", 10) == "short");
    CHECK(cut_at_char(euro + euro + euro, 9) == euro + euro + euro);  // fits exactly: untouched
    CHECK(cut_at_char(euro + euro + euro, 8) == euro + "...");        // 5 bytes left: one euro, not one and a half
    CHECK(cut_at_char(euro + euro + euro, 7) == euro + "...");
    CHECK(cut_at_char(euro + euro + euro, 5) == "...");
    CHECK(cut_at_char("a" + e_acute + "b", 2, "") == "a");
    CHECK(cut_at_char("a" + e_acute + "b", 3, "") == "a" + e_acute);
    CHECK(cut_at_char(emoji + emoji, 7, "") == emoji);
    CHECK(cut_at_char(emoji + emoji, 5, "") == emoji);
    CHECK(cut_at_char(emoji + emoji, 3, "") == "");

    // Every length, every mix: the result is valid UTF-8, a prefix plus the ellipsis, and
    // no longer than asked (when the ellipsis itself fits).
    const std::string mixed = "x" + e_acute + euro + emoji + "y" + euro + e_acute + emoji + emoji + "z";
    for (const std::string& ellipsis : {std::string(""), std::string("..."), std::string("\xE2\x80\xA6")}) {
        for (std::size_t max = ellipsis.size(); max <= mixed.size() + 1; ++max) {
            std::string cut = cut_at_char(mixed, max, ellipsis);
            INFO("max " << max << " ellipsis '" << ellipsis << "'");
            CHECK(valid_utf8(cut));
            CHECK(cut.size() <= std::max(max, mixed.size() <= max ? mixed.size() : 0));
            if (max < mixed.size()) {
                REQUIRE(cut.size() >= ellipsis.size());
                CHECK(cut.substr(cut.size() - ellipsis.size()) == ellipsis);
                CHECK(mixed.starts_with(cut.substr(0, cut.size() - ellipsis.size())));
            } else {
                CHECK(cut == mixed);
            }
        }
    }
}

TEST_CASE("xml_escape escapes markup and drops what XML 1.0 forbids", "[hardening][text]") {
    CHECK(xml_escape("<b>a & \"b\" 'c'</b>") == "&lt;b&gt;a &amp; &quot;b&quot; &apos;c&apos;&lt;/b&gt;");
    CHECK(xml_escape("tab\tnl\ncr\r") == "tab\tnl\ncr\r");
    // Multi-byte characters pass unchanged, U+FFFD included.
    const std::string text = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBD";
    CHECK(xml_escape(text) == text);
    // Forbidden code points: C0 controls, U+FFFE, U+FFFF.
    CHECK(xml_escape("a\x01" "b") == "a b");
    CHECK(xml_escape(std::string("a\0b", 3)) == "a b");
    CHECK(xml_escape("a\x1F" "b\x0B" "c") == "a b c");
    CHECK(xml_escape("x\xEF\xBF\xBEy") == "x y");
    CHECK(xml_escape("x\xEF\xBF\xBFy") == "x y");
    // Not UTF-8: stray and truncated bytes, overlong forms, surrogates, past U+10FFFF.
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(xml_escape("a\xFF" "b") == "a" + fffd + "b");
    CHECK(xml_escape("a\xE2\x82") == "a" + fffd + fffd);
    CHECK(xml_escape("\xC0\xAF") == fffd + fffd);
    CHECK(xml_escape("\xED\xA0\x80") == fffd + fffd + fffd);
    CHECK(xml_escape("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);
    // Whatever goes in, what comes out is fit for an attribute.
    std::string all;
    for (int b = 0; b < 256; ++b) {
        all += static_cast<char>(b);
    }
    all += "\xEF\xBF\xBE\xEF\xBF\xBF\xE2\x82\xAC";
    CHECK(xml_safe(xml_escape(all)));
}

TEST_CASE("run_failure: a run that timed out is a failed run", "[hardening][process]") {
    auto started = std::chrono::steady_clock::now();
    auto r = run_process({"/bin/sleep", "5"}, kEnv, "/", limits_ms(100));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
    CHECK(r.timed_out);
    CHECK_FALSE(r.ok());
    std::string why = run_failure(r, "sleep");
    CHECK_THAT(why, Catch::Contains("sleep") && Catch::Contains("wall time") && !Catch::Contains("after 0 s"));
}

TEST_CASE("run_failure: a run killed by a signal is a failed run", "[hardening][process]") {
    auto r = run_process({"/bin/sh", "-c", "kill -9 $$"}, kEnv, "/", limits_ms(10000));
    CHECK(r.signaled);
    CHECK(r.signal == 9);
    CHECK_THAT(run_failure(r, "shellcheck"), Catch::Contains("shellcheck") && Catch::Contains("signal 9"));
    auto segv = run_process({"/bin/sh", "-c", "kill -SEGV $$"}, kEnv, "/", limits_ms(10000));
    CHECK_THAT(run_failure(segv, "bash -n"), Catch::Contains("signal 11"));
}

TEST_CASE("run_failure: a program that cannot start is a failed run", "[hardening][process]") {
    auto r = run_process({"/nonexistent/snipcheck-no-such-program"}, kEnv, "/", limits_ms(10000));
    CHECK_FALSE(r.spawn_error.empty());
    CHECK_THAT(run_failure(r, "bwrap"), Catch::Contains("bwrap") && Catch::Contains("could not be started"));
}

// A SIGCHLD handler of run_process's own (Boost.Process installs one when handed the
// io_context) outlives nothing safely: a child dying after a failed exec signalled into a
// closed pipe and SIGPIPE killed snipcheck, one run in a few hundred.
TEST_CASE("run_process leaves the caller's SIGCHLD handler alone", "[hardening][process]") {
    struct sigaction mine {};
    mine.sa_handler = [](int) {};
    sigemptyset(&mine.sa_mask);
    struct sigaction before {};
    REQUIRE(sigaction(SIGCHLD, &mine, &before) == 0);
    auto failed = run_process({"/nonexistent/snipcheck-no-such-program"}, kEnv, "/", limits_ms(10000));
    auto ran = run_process({"/bin/sh", "-c", "exit 0"}, kEnv, "/", limits_ms(10000));
    struct sigaction after {};
    sigaction(SIGCHLD, &before, &after);
    CHECK_FALSE(failed.spawn_error.empty());
    CHECK(ran.exit_code == 0);
    CHECK(after.sa_handler == mine.sa_handler);
}

TEST_CASE("run_failure: a tool that exits on its own is no failed run, whatever its code", "[hardening][process]") {
    for (const char* code : {"0", "1", "3", "125"}) {
        auto r = run_process({"/bin/sh", "-c", std::string("exit ") + code}, kEnv, "/", limits_ms(10000));
        CHECK(r.exit_code == std::stoi(code));
        CHECK(run_failure(r, "sh") == "");
    }
}

TEST_CASE("record_problem refuses records of the wrong types", "[hardening][model]") {
    auto ok = nlohmann::json::parse(R"({"verdict": "compiles", "subkind": "", "findings": [], "evidence": [],
                                        "feature_gates": [], "cached": false, "duration_ms": 3})");
    CHECK(record_problem(ok) == "");
    for (const char* bad : {R"({"verdict": 5})", R"({"verdict": "bogus"})", R"({})", R"([])", R"(1)", R"("compiles")",
                            R"({"verdict": "compiles", "findings": [1]})", R"({"verdict": "compiles", "findings": {}})",
                            R"({"verdict": "compiles", "evidence": [{"line": "7"}]})",
                            R"({"verdict": "compiles", "feature_gates": [1]})", R"({"verdict": "compiles", "cached": "no"})",
                            R"({"verdict": "compiles", "start_line": 1.5})", R"({"verdict": null})",
                            // A finding's verdict is one snipcheck knows, never read as some other one.
                            R"({"verdict": "error", "findings": [{"verdict": "outdated", "subkind": "", "message": "m"}]})",
                            R"({"verdict": "error", "findings": [{"subkind": "", "message": "m"}]})",
                            R"({"verdict": "error", "findings": [{"verdict": 3, "message": "m"}]})"}) {
        INFO(bad);
        CHECK(record_problem(nlohmann::json::parse(bad)) != "");
    }
}

TEST_CASE("read_json_report turns reports of the wrong shape into errors", "[hardening][report]") {
    fs::path dir = fs::temp_directory_path() / ("snipcheck-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    int n = 0;
    for (const char* text : {"[]", "{}", "1", "not json", R"({"schema":"snipcheck/1","snippets":[1]})",
                             R"({"schema":"snipcheck/1","snippets":{}})", R"({"schema":"snipcheck/2","snippets":[]})",
                             R"({"schema":"snipcheck/1","snippets":[{"id":"a:1","article":"a","verdict":"bogus"}]})",
                             R"({"schema":"snipcheck/1","snippets":[{"id":"a:1","article":"a","verdict":"compiles","start_line":"1"}]})",
                             R"({"schema":"snipcheck/1","registry":[],"snippets":[]})",
                             R"({"schema":"snipcheck/1","articles":[1],"snippets":[]})"}) {
        fs::path p = dir / ("r" + std::to_string(n++) + ".json");
        std::ofstream(p) << text;
        INFO(text);
        auto run = read_json_report(p.string());
        REQUIRE_FALSE(run.ok());
        CHECK_THAT(run.error().message, Catch::StartsWith(p.string() + ": "));
    }
    // Without the optional keys (registry, toolchains, summary) a report still reads.
    fs::path p = dir / "minimal.json";
    std::ofstream(p) << R"({"schema":"snipcheck/1","snippets":[{"id":"a:1","article":"a","verdict":"compiles"}]})";
    auto run = read_json_report(p.string());
    REQUIRE(run.ok());
    CHECK(run->size() == 1);
    CHECK(run->articles.at(0).entries.at(0).result.verdict == Verdict::Compiles);
    fs::remove_all(dir);
}

TEST_CASE("profile values of the wrong type or range are one error naming the line", "[hardening][profile]") {
    struct Case {
        const char* text;
        const char* key;
    };
    for (const auto& c : {Case{"[limits]\nwall_seconds = \"sixty\"\n", "wall_seconds"}, Case{"[limits]\nwall_seconds = 0\n", "wall_seconds"},
                          Case{"[limits]\nwall_seconds = -5\n", "wall_seconds"}, Case{"[limits]\nwall_seconds = 2.5\n", "wall_seconds"},
                          Case{"[limits]\ncpu_seconds = 99999999999\n", "cpu_seconds"},
                          Case{"[limits]\nmemory_mib = true\n", "memory_mib"},
                          Case{"[toolchains]\neditions = [1]\n", "editions"}, Case{"[toolchains]\neditions = \"2021\"\n", "editions"},
                          Case{"[toolchains]\nreference = 1\n", "reference"}, Case{"limits = 3\n", "limits"}}) {
        INFO(c.text);
        auto p = parse_profile(c.text, "snipcheck.toml", default_profile());
        REQUIRE_FALSE(p.ok());
        CHECK_THAT(p.error().message, Catch::StartsWith("snipcheck.toml:") && Catch::Contains(c.key));
        CHECK(p.error().message.find('\n') == std::string::npos);
    }
    auto good = parse_profile("[limits]\nwall_seconds = 90\n", "snipcheck.toml", default_profile());
    REQUIRE(good.ok());
    CHECK(good->wall_seconds == 90);
}

TEST_CASE("write_files_atomically writes all or none", "[hardening][file_io]") {
    fs::path dir = fs::temp_directory_path() / ("snipcheck-unit-io-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "adir");
    std::ofstream(dir / "afile") << "x";
    auto listing = [&] {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir)) {
            names.push_back(e.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    };
    auto before = listing();
    // A target under a file (cannot even write the temporary) and a target that is a
    // directory (the temporary is written, the rename fails), each after a good one.
    for (const fs::path& bad : {dir / "afile" / "j.xml", dir / "adir"}) {
        INFO(bad.string());
        std::string failed = write_files_atomically({{(dir / "out.json").string(), "{}"}, {bad.string(), "<x/>"},
                                                     {(dir / "late.md").string(), "late"}});
        CHECK(failed == bad.string());
        CHECK(listing() == before);
        CHECK(fs::is_empty(dir / "adir"));
    }
    CHECK(write_files_atomically({{(dir / "a").string(), "1"}, {(dir / "b").string(), "2"}}) == "");
    CHECK(read_file((dir / "a").string()) == "1");
    CHECK(read_file((dir / "b").string()) == "2");
    fs::remove_all(dir);
}

TEST_CASE("terminal_safe leaves no control character a terminal would obey", "[hardening][text]") {
    CHECK(terminal_safe("plain text, caf\xC3\xA9 \xE2\x82\xAC\ttab") == "plain text, caf\xC3\xA9 \xE2\x82\xAC\ttab");
    CHECK(terminal_safe("a\x1b[2Jb") == "a^[[2Jb");
    CHECK(terminal_safe("\x1b]0;title\x07") == "^[]0;title^G");
    CHECK(terminal_safe("line\nnext\rover") == "line next over");
    CHECK(terminal_safe("back\bspace\x7f") == "back^Hspace^?");
    CHECK(terminal_safe("csi \xC2\x9B" "31m") == "csi <U+009B>31m");
    CHECK(terminal_safe("nbsp \xC2\xA0 stays") == "nbsp \xC2\xA0 stays");
    std::string all;
    for (int b = 0; b < 256; ++b) {
        all += static_cast<char>(b);
    }
    std::string safe = terminal_safe(all + "\xC2\x80\xC2\x9F");
    for (std::size_t i = 0; i < safe.size(); ++i) {
        auto c = static_cast<unsigned char>(safe[i]);
        INFO("byte " << i);
        CHECK((c >= 0x20 || c == '\t'));
        CHECK(c != 0x7F);
        if (c == 0xC2 && i + 1 < safe.size()) {
            CHECK(!(static_cast<unsigned char>(safe[i + 1]) >= 0x80 && static_cast<unsigned char>(safe[i + 1]) <= 0x9F));
        }
    }
}

TEST_CASE("scratch_dir holds its lock and removes only what dead runs left", "[hardening][sandbox]") {
    fs::path cache = fs::temp_directory_path() / ("snipcheck-unit-scratch-" + std::to_string(::getpid()));
    fs::path tmp = cache / "tmp";
    fs::remove_all(cache);
    fs::create_directories(tmp / "run-dead");
    std::ofstream(tmp / "run-dead.lock") << "";  // a lock nobody holds: its run died
    fs::create_directories(tmp / "run-nolock");
    fs::create_directories(tmp / "snippet-old");  // an older version's work directory
    fs::create_directories(tmp / "run-live");
    int live = ::open((tmp / "run-live.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    REQUIRE(live >= 0);
    REQUIRE(::flock(live, LOCK_EX | LOCK_NB) == 0);  // a run that is still going

    std::string dir = scratch_dir(cache.string());
    REQUIRE_FALSE(dir.empty());
    CHECK(fs::is_directory(dir));
    CHECK(fs::path(dir).parent_path() == tmp);
    CHECK(fs::path(dir).filename().string().starts_with("run-"));
    CHECK(scratch_dir(cache.string()) == dir);
    CHECK_FALSE(fs::exists(tmp / "run-dead"));
    CHECK_FALSE(fs::exists(tmp / "run-dead.lock"));
    CHECK_FALSE(fs::exists(tmp / "run-nolock"));
    CHECK_FALSE(fs::exists(tmp / "snippet-old"));
    CHECK(fs::exists(tmp / "run-live"));
    CHECK(fs::exists(tmp / "run-live.lock"));
    // Its own lock is held from before the directory existed: nobody else can take it.
    int other = ::open((dir + ".lock").c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(other >= 0);
    CHECK(::flock(other, LOCK_EX | LOCK_NB) != 0);
    ::close(other);
    ::close(live);
    fs::remove_all(cache);
}
