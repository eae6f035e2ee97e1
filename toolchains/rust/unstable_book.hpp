#pragma once
// The Unstable Book that ships with the probe toolchain (share/doc/rust/html/unstable-book):
// stable rustc names only a feature's tracking issue; the book's pages map it to the gate.
#include <map>
#include <string>
#include <vector>

namespace snipcheck {

class UnstableBook {
public:
    // Reads the book under `sysroot`; an absent book leaves the map empty.
    explicit UnstableBook(const std::string& sysroot);

    // Feature gates whose page links tracking issue `issue` (e.g. 63065).
    std::vector<std::string> features_for_issue(int issue) const;
    bool empty() const { return by_issue_.empty(); }

private:
    std::multimap<int, std::string> by_issue_;
};

// Tracking-issue numbers in rustc's "see issue #NNNN" notes.
std::vector<int> tracking_issues(const std::vector<std::string>& notes);

}  // namespace snipcheck
