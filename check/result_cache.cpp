#include "check/result_cache.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "extractor/sha256.hpp"
#include "model/file_io.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

// The running binary's own hash: a rebuilt classifier never reuses its predecessor's results.
const std::string& self_hash() {
    static const std::string hash = [] {
        return sha256_hex(read_file("/proc/self/exe"));
    }();
    return hash;
}

}  // namespace

std::string ResultCache::key(const std::string& checker_identity, const Snippet& s, const std::string& context_sha256,
                             bool include_ignored) {
    std::string text = fmt::format(
        "snipcheck-result-v3\n[binary]\n{}\n[checker]\n{}\n[language]\n{}\n[attributes]\n{}\n[code]\n{}\n[context]\n{}\n"
        "[include_ignored]\n{}\n[start_line]\n{}\n[unsure]\n{} {}\n",
        self_hash(), checker_identity, s.language, fmt::join(s.attributes, ","), sha256_hex(s.code), context_sha256,
        include_ignored, s.start_line, s.unsure_head, s.unsure_tail);
    return sha256_hex(text);
}

std::string ResultCache::path_of(const std::string& key) const {
    return (fs::path(dir_) / "results" / key.substr(0, 2) / (key.substr(2) + ".json")).string();
}

std::optional<CheckResult> ResultCache::load(const std::string& key) const {
    // A miss parses as nothing; an entry that is not what this version writes (truncated,
    // another schema, wrong types) is a miss too, recomputed and replaced by the caller.
    auto j = nlohmann::json::parse(read_file(path_of(key)), nullptr, false);
    if (!j.is_object() || !j.contains("key") || j["key"] != key || !j.contains("result") ||
        !record_problem(j["result"]).empty()) {
        return std::nullopt;
    }
    try {
        return result_from_json(j["result"]);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

void ResultCache::store(const std::string& key, const CheckResult& r) const {
    fs::path path = path_of(key);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    Snippet none;
    nlohmann::json j = {{"key", key}, {"result", to_json(none, r)}};
    write_file_atomically(path.string(), j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace snipcheck
