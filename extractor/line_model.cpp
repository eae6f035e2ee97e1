#include "extractor/line_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "extractor/line_model_data.hpp"

namespace snipcheck {

namespace {

constexpr std::string_view kSpace = " \t\r\f\v\n";

std::uint32_t crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

bool is_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Words (a word starting with a digit is "0"), each other ASCII character alone, a run of
// non-ASCII bytes as one "~u": features.py's tokens().
std::vector<std::string_view> tokens(std::string_view t) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < t.size()) {
        auto c = static_cast<unsigned char>(t[i]);
        if (kSpace.find(static_cast<char>(c)) != std::string_view::npos && c != '\n') {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        if (is_word(c)) {
            while (j < t.size() && is_word(static_cast<unsigned char>(t[j]))) {
                ++j;
            }
            out.push_back(c >= '0' && c <= '9' ? std::string_view("0") : t.substr(i, j - i));
        } else if (c >= 128) {
            while (j < t.size() && static_cast<unsigned char>(t[j]) >= 128) {
                ++j;
            }
            out.push_back("~u");
        } else {
            out.push_back(t.substr(i, 1));
        }
        i = j;
    }
    return out;
}

std::string_view trim_space(std::string_view s) {
    std::size_t a = s.find_first_not_of(kSpace);
    if (a == std::string_view::npos) {
        return {};
    }
    return s.substr(a, s.find_last_not_of(kSpace) - a + 1);
}

// Reads `count` numbers after a keyword on one line of the model file.
template <typename Number>
bool read_numbers(std::string_view rest, Number* out, std::size_t count) {
    const char* p = rest.data();
    const char* end = rest.data() + rest.size();
    for (std::size_t k = 0; k < count; ++k) {
        while (p < end && *p == ' ') {
            ++p;
        }
        auto [next, ec] = std::from_chars(p, end, out[k]);
        if (ec != std::errc()) {
            return false;
        }
        p = next;
    }
    return true;
}

}  // namespace

std::string_view model_text(std::string_view line) {
    std::string_view t = trim_space(line);
    while (!t.empty() && t[0] == '>' && (t.size() == 1 || t[1] == ' ')) {
        t = trim_space(t.substr(1));
    }
    return t;
}

std::vector<std::uint32_t> line_features(std::string_view t, int bits) {
    const std::uint32_t mask = (1u << bits) - 1;
    auto toks = tokens(t);
    std::vector<std::uint32_t> out;
    out.reserve(toks.size() * 2 + 5);
    std::string name;
    auto add = [&](std::string_view prefix, std::string_view a, std::string_view b = {}, bool pair = false) {
        name.assign(prefix).append(a);
        if (pair) {
            name.append(" ").append(b);
        }
        out.push_back(crc32(name) & mask);
    };
    for (auto w : toks) {
        add("u:", w);
    }
    for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
        add("b:", toks[i], toks[i + 1], true);
    }
    if (!toks.empty()) {
        add("f:", toks.front());
        add("l:", toks.back());
    }
    add("h:", t.substr(0, 2));
    add("t:", t.size() >= 2 ? t.substr(t.size() - 2) : t);
    add("n:", std::to_string(std::min<std::size_t>(toks.size(), 24) / 3));
    // Shape: tenths of the bytes that are ASCII punctuation, of the tokens that are lower-case words.
    std::size_t punct = std::count_if(t.begin(), t.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return c < 128 && kSpace.find(ch) == std::string_view::npos && !is_word(c);
    });
    std::size_t lower = std::count_if(toks.begin(), toks.end(), [](std::string_view w) {
        return w.size() > 1 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    });
    add("p:", std::to_string(10 * punct / t.size()));
    add("w:", std::to_string(10 * lower / std::max<std::size_t>(1, toks.size())));
    return out;
}

LineScores LineModel::score(std::string_view line) const {
    LineScores s;
    std::string_view t = model_text(line);
    if (t.empty()) {
        return s;
    }
    if (weights_.empty()) {
        return s;
    }
    auto feats = line_features(t, bits_);
    std::array<double, kWeights> sum{};
    for (std::uint32_t f : feats) {
        const std::int16_t* w = &weights_[static_cast<std::size_t>(f) * kWeights];
        for (int k = 0; k < kWeights; ++k) {
            sum[k] += w[k];
        }
    }
    for (int k = 0; k < 3; ++k) {
        s.state[k] = (bias_[k] + sum[k] / scale_) / temperature_;
    }
    for (int k = 0; k < kLanguages; ++k) {
        s.language[k] = bias_[3 + k] + sum[3 + k] / scale_;
    }
    return s;
}

Expected<LineModel> LineModel::parse(std::string_view text) {
    LineModel m;
    std::size_t pos = 0;
    int line_no = 0;
    bool in_rows = false;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        bool ok = true;
        if (in_rows) {
            std::array<long, 1 + kWeights> row{};
            ok = read_numbers(line, row.data(), 1 + kWeights) && row[0] >= 0 &&
                 static_cast<std::size_t>(row[0]) * kWeights < m.weights_.size();
            for (int k = 0; ok && k < kWeights; ++k) {
                m.weights_[static_cast<std::size_t>(row[0]) * kWeights + k] = static_cast<std::int16_t>(row[k + 1]);
            }
            m.rows_ += ok;
        } else {
            std::size_t sp = line.find(' ');
            std::string_view key = line.substr(0, sp);
            std::string_view rest = sp == std::string_view::npos ? std::string_view{} : line.substr(sp + 1);
            if (key == "bits") {
                ok = read_numbers(rest, &m.bits_, 1) && m.bits_ > 0 && m.bits_ <= 24;
                m.weights_.assign(ok ? (std::size_t{1} << m.bits_) * kWeights : 0, 0);
            } else if (key == "scale") {
                ok = read_numbers(rest, &m.scale_, 1) && m.scale_ > 0;
            } else if (key == "temperature") {
                ok = read_numbers(rest, &m.temperature_, 1) && m.temperature_ > 0;
            } else if (key == "emission_scale") {
                ok = read_numbers(rest, &m.emission_scale_, 1) && m.emission_scale_ > 0;
            } else if (key == "bias") {
                ok = read_numbers(rest, m.bias_.data(), kWeights);
            } else if (key == "start") {
                ok = read_numbers(rest, m.start_.data(), 3);
            } else if (key == "transitions") {
                ok = read_numbers(rest, m.transitions_.data(), 9);
            } else if (key == "transitions_gap") {
                ok = read_numbers(rest, m.transitions_.data() + 9, 9);
            } else if (key == "rows") {
                in_rows = m.bits_ > 0;
                ok = in_rows;
            }
        }
        if (!ok) {
            return Error{"line model: bad line " + std::to_string(line_no)};
        }
    }
    if (!in_rows) {
        return Error{"line model: no rows"};
    }
    return m;
}

const LineModel& LineModel::embedded() {
    static const LineModel model = [] {
        auto parsed = parse(kLineModel);
        return parsed ? *parsed : LineModel{};
    }();
    return model;
}

}  // namespace snipcheck
