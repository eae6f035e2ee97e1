#pragma once
// Static-site generators' code blocks that are not Markdown fences: Hugo's
// `{{< highlight rust >}} … {{< /highlight >}}` (and `{{% … %}}`) and Jekyll's (Liquid)
// `{% highlight rust %} … {% endhighlight %}`. Front matter is handled in markdown.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "model/block.hpp"

namespace snipcheck {

struct ShortcodeBlocks {
    std::string text;  // the article with every highlight block blanked (lines keep numbers)
    std::vector<Block> blocks;
    std::vector<BlockWarning> warnings;
};

// Takes the highlight blocks out of a Markdown article (not those inside a fenced block,
// where an article shows them as text). The block's info is the language the tag names.
ShortcodeBlocks take_highlight_blocks(std::string_view text);

}  // namespace snipcheck
