#include <catch2/catch.hpp>

#include <string>

#include "extractor/line_model.hpp"

using namespace snipcheck;

namespace {

bool reads_as(std::string_view line, LineState want) {
    LineScores s = LineModel::embedded().score(line);
    for (int k = 0; k < 3; ++k) {
        if (k != want && s.state[k] >= s.state[want]) {
            return false;
        }
    }
    return true;
}

int language_of(std::string_view line) {
    LineScores s = LineModel::embedded().score(line);
    return static_cast<int>(std::max_element(s.language.begin(), s.language.end()) - s.language.begin());
}

}  // namespace

TEST_CASE("the embedded line model loads") {
    const LineModel& m = LineModel::embedded();
    CHECK(m.rows() > 1000);
    // Transitions are log-probabilities: each row sums to one.
    for (bool gap : {false, true}) {
        for (int a = 0; a < 3; ++a) {
            double sum = 0;
            for (int b = 0; b < 3; ++b) {
                sum += std::exp(m.transition(a, b, gap));
            }
            CHECK(sum == Approx(1.0).epsilon(0.01));
        }
    }
}

TEST_CASE("a model file is parsed, and a broken one refused with its line") {
    const char* text =
        "# a comment\n"
        "bits 4\nscale 2\ntemperature 1\n"
        "bias 0 0 0 0 0 0 0\n"
        "start -1.0986 -1.0986 -1.0986\n"
        "transitions -1.0986 -1.0986 -1.0986 -1.0986 -1.0986 -1.0986 -1.0986 -1.0986 -1.0986\n"
        "rows 1\n"
        "3 2 -2 0 4 0 0 -1\n";
    auto m = LineModel::parse(text);
    REQUIRE(m.ok());
    CHECK(m->rows() == 1);
    CHECK(m->start(0) == Approx(-1.0986));
    // A row holds 3 state weights and one per language, the last for languages not checked.
    CHECK_FALSE(LineModel::parse(std::string(text).substr(0, std::string(text).size() - 4) + "\n").ok());
    auto bad = LineModel::parse("bits 4\nscale x\nrows 0\n");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "line model: bad line 2");
    CHECK_FALSE(LineModel::parse("bits 4\n").ok());
}

TEST_CASE("features are computed on the line without space and quote markers") {
    CHECK(model_text("   > > let x = 5;  ") == "let x = 5;");
    CHECK(model_text(">") == "");
    CHECK(line_features("let x = 5;", 18) == line_features("let x = 5;", 18));
    CHECK(line_features("let x = 5;", 18).size() == 16);  // 5 tokens, 4 bigrams, 7 edge and shape
    for (auto f : line_features("fn main() {", 10)) {
        CHECK(f < 1024u);
    }
}

TEST_CASE("the line model tells code, prose and compiler output apart") {
    SECTION("code") {
        CHECK(reads_as("let x = vec![1, 2, 3];", kCode));
        CHECK(reads_as("fn main() {", kCode));
        CHECK(reads_as("#[derive(Debug, Clone)]", kCode));
        CHECK(reads_as("Request { id: String, method: String },", kCode));
        CHECK(reads_as("[dependencies]", kCode));
    }
    SECTION("prose") {
        CHECK(reads_as("Rust keeps getting better every year, and the ecosystem grows with it.", kProse));
        CHECK(reads_as("The borrow checker makes sure that references are always valid.", kProse));
    }
    SECTION("compiler output") {
        CHECK(reads_as("error[E0382]: borrow of moved value: `v`", kOutput));
        CHECK(reads_as("--> src/main.rs:3:5", kOutput));
        CHECK(reads_as("= note: move occurs because `v` has type `Vec<i32>`", kOutput));
    }
    SECTION("languages") {
        CHECK(language_of("let x = vec![1, 2, 3];") == kRust);
        CHECK(language_of("serde = { version = \"1\", features = [\"derive\"] }") == kToml);
        CHECK(language_of("cargo add serde --features derive") == kShell);
        CHECK(language_of("document.getElementById('app').addEventListener('click', () => {") == kOtherLanguage);
        CHECK(language_of("#include <stdio.h>") == kOtherLanguage);
    }
}
