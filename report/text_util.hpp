#pragma once
// Small helpers every report format shares: the one-line reason of a verdict, the first
// diagnostic, and escaping for XML.
#include <string>

#include "model/snippet.hpp"

namespace snipcheck {

// "outdated-api (edition)" style label.
std::string verdict_label(const CheckResult& r);

// The finding that explains the verdict, or the verdict's description.
std::string verdict_reason(const CheckResult& r);

// The first error (or warning) diagnostic, "LINE: [CODE] message", or "".
std::string first_diagnostic(const Snippet& s, const CheckResult& r);

// The reason, then the first diagnostic on its own line: the text of an annotation or result.
std::string reason_with_diagnostic(const Snippet& s, const CheckResult& r);

std::string xml_escape(const std::string& s);

}  // namespace snipcheck
