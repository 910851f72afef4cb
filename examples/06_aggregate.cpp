// SPDX-License-Identifier: MIT
// Aggregating a crowd's ratings of one item.
//
// Twelve annotators rated one comment for toxicity on a 0..4 scale. How do we summarise them? Each
// estimator answers a slightly different question, and each has a choice that other libraries make
// silently: the median of an even count, how much a trimmed mean cuts, how median-of-means forms blocks,
// who wins a tied vote. pluralism makes every such choice an explicit argument.
#include <pluralism/aggregate.hpp>

#include <cstdio>
#include <vector>

namespace pl = pluralism;

int main() {
  const std::vector<int> ratings{0, 1, 1, 4, 4, 2, 1, 4, 0, 4, 3, 1};  // twelve annotators

  // Mean: every rating counts equally, so the four 4s pull it up.
  std::printf("mean                 %.3f\n", pl::mean(ratings));

  // Median of an even count: the two middle ratings are 1 and 2. NumPy averages them; torch.median
  // returns the lower one. Say which you mean.
  std::printf("median (average)     %.3f\n", pl::median(ratings));
  std::printf("median (lower)       %.3f\n", pl::median(ratings, pl::median_rule::lower));
  std::printf("median (upper)       %.3f\n", pl::median(ratings, pl::median_rule::upper));
  std::printf("90%% quantile         %.3f\n", pl::quantile(ratings, 0.9));

  // Trimmed mean: drop int(0.25 * 12) = 3 ratings from each end (scipy.stats.trim_mean's rule).
  std::printf("25%% trimmed mean     %.3f\n", pl::trimmed_mean(ratings, 0.25));

  // Median-of-means: 4 blocks of 3 annotators (a seeded random split), the median of the 4 block means.
  // Ratings lie in [0, 4], so sigma <= 2; with that known sigma the bound holds with probability at least
  // 1 - exp(-blocks / 8). With 12 ratings that is weak (0.39): the guarantee is for large samples, where
  // {.delta = 0.05} picks ceil(8 ln 20) = 24 blocks.
  const auto mom = pl::median_of_means(ratings, {.blocks = 4, .sigma = 2.0, .seed = 7});
  std::printf("median-of-means      %.3f  (|error| <= %.3f with probability >= %.2f)\n", mom.estimate, mom.bound,
              1.0 - mom.failure_probability);

  // Votes: treat each rating as a label. 1 and 4 both have four votes: a tie.
  const auto counts = pl::vote_counts(ratings);
  std::printf("votes                ");
  for (std::size_t label = 0; label < counts.size(); ++label) std::printf("%zu:%zu ", label, counts[label]);
  std::printf("\n");
  const auto lowest = pl::plurality(ratings);  // crowd-kit's rule: the lowest tied label
  const auto all = pl::plurality(ratings, {.ties = pl::tie_policy::all});
  std::printf("plurality (lowest)   %zu with %.0f of %.0f votes%s\n", lowest.label(), lowest.votes, lowest.total,
              lowest.tied ? " (tied)" : "");
  std::printf("plurality (all)      %zu and %zu tie\n", all.winners[0], all.winners[1]);

  // How sure are we that "toxic" (rating >= 3) is the view of a minority? 5 of 12 said so.
  const auto share = pl::wilson_interval(5, 12, 0.95);
  std::printf("share rating >= 3    %.3f, 95%% Wilson interval [%.3f, %.3f]\n", 5.0 / 12.0, share.lower, share.upper);
}
