#include "toolchains/rust/rust_diagnosis.hpp"
#include "model/regex.hpp"

#include <algorithm>

namespace snipcheck {

// Crates articles use that are named only in expressions (`sqlx::query!`): a root on this list
// is a crate, any other lower-case root that no `use` names is an undefined module.
const std::set<std::string>& well_known_crates() {
    static const std::set<std::string> names{
        "axum", "sqlx", "actix_web", "actix", "rocket", "diesel", "sea_orm", "leptos", "dioxus", "yew",
        "bevy", "tauri", "candle_core", "candle_nn", "burn", "kube", "k8s_openapi", "schemars", "embassy_executor",
        "embassy_time", "embassy_stm32", "embassy_rp", "eframe", "egui", "tower", "tower_http", "warp", "poem",
        "salvo", "tonic", "prost", "hyper", "reqwest", "tokio", "serde", "serde_json", "anyhow", "thiserror",
        "clap", "tracing", "tracing_subscriber", "futures", "rand", "regex", "rayon", "chrono", "itertools",
        "wasm_bindgen", "web_sys", "js_sys", "bytes", "http", "uuid", "log", "env_logger", "once_cell",
        "lazy_static", "crossbeam", "parking_lot", "defmt", "defmt_rtt", "panic_probe", "cortex_m", "loco_rs",
        "mistralrs", "ort", "ndarray", "polars", "redis", "mongodb", "tokio_postgres", "rusqlite", "async_std", "smol"};
    return names;
}

// tauri_plugin_shell, embassy_net: a crate named after a well-known one.
bool extends_known_crate(const std::string& root) {
    std::size_t cut = root.find('_');
    return cut != std::string::npos && well_known_crates().count(root.substr(0, cut)) > 0;
}

// Errors of rustc's parser: they carry no error code and say what token was expected.
bool is_parse_error(const Diagnostic& d) {
    if (d.level != "error" || !d.code.empty()) {
        return false;
    }
    for (const char* shape : {"expected ", "unexpected ", "unknown start of token", "unclosed delimiter",
                              "unmatched ", "mismatched closing delimiter", "found keyword", "unterminated ",
                              "missing `", "invalid ", "unknown prefix", "prefix `", "reserved "}) {
        if (d.message.starts_with(shape) || d.message.find(std::string(" ") + shape) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Attribute macros of well-known crates: `#[server]` without `use leptos` still means Leptos.
const std::map<std::string, std::string>& attribute_crates() {
    static const std::map<std::string, std::string> table{
        {"server", "leptos"}, {"component", "leptos"}, {"island", "leptos"}, {"function_component", "yew"},
        {"hook", "yew"}, {"launch", "rocket"}, {"catch", "rocket"}, {"wasm_bindgen", "wasm_bindgen"},
        {"async_trait", "async_trait"}, {"instrument", "tracing"}, {"test_case", "test_case"},
        {"rstest", "rstest"}, {"pyfunction", "pyo3"}, {"pymodule", "pyo3"}, {"pyclass", "pyo3"},
        {"napi", "napi"}, {"entry", "cortex_m_rt"}, {"interrupt", "cortex_m_rt"}};
    return table;
}

// Unstable syntax or library features: E0658, and E0562 (`impl Trait` where only nightly allows it).
bool is_gate_error(const Diagnostic& d) {
    return d.code == "E0658" || d.code == "E0562" || d.code == "E0554" || d.message.find("is experimental") != std::string::npos ||
           d.message.find("is unstable") != std::string::npos;
}

// Whether an older edition could accept what the newest rejected: keywords and reserved
// syntax (parse errors), 2018 paths, `dyn`, borrow and capture rules that editions changed,
// array/boxed-slice into_iter, and edition lints that error (static_mut_refs, unsafe
// attributes and extern blocks). Type errors such as `let n: i32 = "x"` are not.
bool says_removed(const Diagnostic& d) {
    return d.code == "E0557" || d.message.find("has been removed") != std::string::npos ||
           d.message.find("was removed") != std::string::npos;
}

bool cuts_a_listing(const Diagnostic& d) {
    static const char* const kCut[] = {"free function without a body", "parameter is only allowed in associated functions",
                                       "associated function in `impl` without body", "associated constant in `impl` without body",
                                       "free constant item without body", "free static item without body"};
    return d.code == "E0583" || std::any_of(std::begin(kCut), std::end(kCut), [&](const char* m) {
               return d.message.find(m) != std::string::npos;
           });
}

bool edition_may_matter(const std::vector<Diagnostic>& diags, const std::string& code) {
    static const std::set<std::string> kSensitive{"E0782", "E0432", "E0433", "E0597", "E0716", "E0502", "E0499",
                                                  "E0505", "E0506", "E0373", "E0700", "E0670", "E0783"};
    bool into_iter = code.find("into_iter") != std::string::npos;
    for (const auto& d : diags) {
        if (d.level != "error") {
            continue;
        }
        bool lint = !d.code.empty() && d.code[0] != 'E';
        bool unsafe_rule = d.code.empty() && d.message.find("unsafe") != std::string::npos;
        // What rustc itself ties to an edition or calls deprecated syntax (`try!`, `...`).
        bool says_edition = d.message.find("edition") != std::string::npos || d.message.find("deprecated") != std::string::npos ||
                            std::any_of(d.notes.begin(), d.notes.end(), [](const std::string& n) {
                                return n.find("edition") != std::string::npos;
                            });
        if (is_parse_error(d) || lint || unsafe_rule || says_edition || kSensitive.count(d.code) ||
            (into_iter && (d.code == "E0308" || d.code == "E0277"))) {
            return true;
        }
    }
    return false;
}

// Whether `context` defines one of `names` (an item, or a `use` that brings it in).
bool context_defines(const std::string& context, const std::set<std::string>& names) {
    for (const auto& name : names) {
        std::string quoted = Regex::quote(name);
        Regex item("\\b(struct|enum|trait|type|fn|const|static|mod|union|macro_rules!)\\s+" + quoted + "\\b|\\buse\\b[^;]*\\b" +
                   quoted + "\\b");
        if (item.search(context)) {
            return true;
        }
    }
    return false;
}

const std::set<std::string>& undefined_codes() {
    static const std::set<std::string> codes{"E0412", "E0425", "E0433", "E0405", "E0422", "E0531", "E0432", "E0423", "E0574"};
    return codes;
}

bool suggests_std_import(const Diagnostic& d) {
    return std::any_of(d.notes.begin(), d.notes.end(), [](const std::string& n) {
        return n.find("use std::") != std::string::npos || n.find("use core::") != std::string::npos ||
               (n.find("consider importing") != std::string::npos && n.find("std::") != std::string::npos);
    });
}

// Names a `use` of a missing crate brings in; a glob import of one makes every name suspect.
std::set<std::string> names_from_missing(const std::string& stripped, const std::set<std::string>& missing, bool& glob) {
    std::set<std::string> names;
    static const Regex kUse(R"(\buse\s+(?:::)?([a-z_][a-z0-9_]*)([^;]*);)");
    static const Regex kIdent(R"([A-Za-z_][A-Za-z0-9_]*)");
    for (const auto& it : kUse.find_all(stripped)) {
        if (!missing.count(it[1])) {
            continue;
        }
        std::string rest = it[2];
        glob |= rest.find('*') != std::string::npos;
        for (const auto& jt : kIdent.find_all(rest)) {
            names.insert(jt[0]);
        }
    }
    return names;
}

}  // namespace snipcheck
