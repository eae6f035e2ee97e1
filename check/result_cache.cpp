#include "check/result_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extractor/sha256.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

// The running binary's own hash: a rebuilt classifier never reuses its predecessor's results.
const std::string& self_hash() {
    static const std::string hash = [] {
        std::ifstream in("/proc/self/exe", std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        return sha256_hex(buf.str());
    }();
    return hash;
}

}  // namespace

std::string ResultCache::key(const std::string& checker_identity, const Snippet& s, const std::string& context,
                             bool include_ignored) {
    std::string text = fmt::format(
        "snipcheck-result-v1\n[binary]\n{}\n[checker]\n{}\n[language]\n{}\n[attributes]\n{}\n[code]\n{}\n[context]\n{}\n"
        "[include_ignored]\n{}\n",
        self_hash(), checker_identity, s.language, fmt::join(s.attributes, ","), sha256_hex(s.code), sha256_hex(context),
        include_ignored);
    return sha256_hex(text);
}

std::string ResultCache::path_of(const std::string& key) const {
    return (fs::path(dir_) / "results" / key.substr(0, 2) / (key.substr(2) + ".json")).string();
}

std::optional<CheckResult> ResultCache::load(const std::string& key) const {
    std::ifstream in(path_of(key));
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream b;
    b << in.rdbuf();
    auto j = nlohmann::json::parse(b.str(), nullptr, false);
    if (j.is_discarded() || j.value("key", "") != key) {
        return std::nullopt;
    }
    return result_from_json(j["result"]);
}

void ResultCache::store(const std::string& key, const CheckResult& r) const {
    fs::path path = path_of(key);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    Snippet none;
    nlohmann::json j = {{"key", key}, {"result", to_json(none, r)}};
    fs::path tmp = path;
    tmp += fmt::format(".tmp{}.{}", ::getpid(), std::hash<std::string>{}(key + std::to_string(reinterpret_cast<std::uintptr_t>(&r))));
    {
        std::ofstream out(tmp);
        out << j.dump();
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, path, ec);
}

}  // namespace snipcheck
