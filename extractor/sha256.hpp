#pragma once
// SHA-256 through OpenSSL: the snippet fingerprint of SPEC section 2 and the cache keys.
#include <string>
#include <string_view>

namespace snipcheck {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace snipcheck
