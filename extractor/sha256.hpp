#pragma once
// SHA-256 through OpenSSL: the snippet fingerprint of SPEC section 2 and the cache keys.
#include <string>
#include <string_view>

namespace snipcheck {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

// A digest fed piece by piece whose value can be read at any point: the hash of each prefix of
// a growing text, each read in constant time (an article's context for every snippet).
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void update(std::string_view data);
    // The hex digest of everything fed so far (the stream goes on).
    std::string hex() const;

private:
    void* ctx_;  // EVP_MD_CTX
};

}  // namespace snipcheck
