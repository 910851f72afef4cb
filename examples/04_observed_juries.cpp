// SPDX-License-Identifier: MIT
// 04: observed-label juries. No model at all: on the "Annotators with Attitudes" small-scale study (Sap et
// al., NAACL 2022), 641 annotators rated the same 12 posts, so a jury can be drawn from real people's real
// ratings. We ask one question of each post ("is it offensive?", off_avg >= 3 on 1-5) to two juries:
// annotators who score high on the racist-beliefs scale, and those who score low. Same posts, same seed,
// different people: the verdicts differ where the research says they should (anti-Black and AAE posts).
//   usage: 04_observed_juries [path/to/smallScale.csv]
#include <pluralism/io.hpp>
#include <pluralism/jury.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

namespace pl = pluralism;

int main(int argc, char** argv) {
  const std::filesystem::path file =
      argc > 1 ? argv[1] : std::filesystem::path(PLURALISM_SHARED_DATA) / "annotators-with-attitudes" / "smallScale.csv";
  if (!std::filesystem::exists(file)) {
    std::printf("skipped: %s not found (the shared data folder is not here)\n", file.string().c_str());
    return 0;
  }
  // A post is (postCategory, postId); the unnamed first column is a row number; one of five ratings is used.
  const auto data = pl::io::read_annotations(file, {.item = "postCategory",
                                                    .annotator = "annID",
                                                    .rating = "off_avg",
                                                    .item_key = {"postId"},
                                                    .ignore = {"", "toyou", "toany", "intent", "racist"}});
  std::printf("%zu annotators x %zu posts, %zu real ratings\n", data.annotators.size(), data.items.size(), data.ratings.size());

  const pl::models::observed ratings(data);  // predict(post, person) = that person's own rating
  const pl::composition high{pl::sheet{pl::attr("racism") >= 0.5, 12, "racism scale >= 0.5"}};
  const pl::composition low{pl::sheet{pl::attr("racism") <= -0.5, 12, "racism scale <= -0.5"}};
  const pl::jury_options options{.threshold = 3.0, .seed = 1, .yes = "offensive", .no = "not offensive"};
  const auto a = pl::convene_items(high, ratings, data, options);
  const auto b = pl::convene_items(low, ratings, data, options);
  std::printf("%-24s %-44s %s\n", "post", high.to_string().c_str(), low.to_string().c_str());
  int disagree = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::printf("%-24s %-44s %s\n", a[i].item_id.c_str(), a[i].scale_sentence().c_str(), b[i].scale_sentence().c_str());
    disagree += a[i].outcome() != b[i].outcome();
  }
  std::printf("the two juries disagree on %d of %zu posts\n", disagree, a.size());
}
