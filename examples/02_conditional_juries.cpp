// SPDX-License-Identifier: MIT
// 02: conditional juries. The composition depends on the item: comments about parenting are judged by
// parents, comments about religion by a jury balanced across politics, everything else by a default jury.
// Rules are tried in order and the first match wins; each verdict records which rule fired, for audits.
#include <pluralism/jury.hpp>

#include <cstdio>
#include <map>

namespace pl = pluralism;

int main() {
  const auto population = pl::make_synthetic_population({.items = 400, .seed = 3});
  const auto& data = population.data;
  const pl::models::group_mean model(data, {.by = {"politics", "parent", "education"}});

  const pl::conditional_composition rules{
      {{pl::attr("topic") == "parenting", pl::composition{pl::sheet{pl::attr("parent") == "yes", 12, "parents"}}},
       {pl::attr("topic") == "religion",
        pl::composition{pl::sheet{pl::attr("politics") == "liberal", 6}, pl::sheet{pl::attr("politics") == "conservative", 6}}}},
      pl::composition{pl::sheet{pl::predicate{}, 12, "anyone"}}};

  const auto verdicts = pl::convene_items(rules, model, data, {.threshold = 1.5, .seed = 9});
  std::map<std::size_t, std::pair<int, int>> per_rule;  // rule -> (items, toxic)
  for (const auto& v : verdicts) {
    per_rule[v.rule].first += 1;
    per_rule[v.rule].second += v.outcome();
  }
  const char* names[] = {"parenting -> 12 parents", "religion -> 6 liberals + 6 conservatives", "otherwise -> 12 anyone"};
  for (const auto& [rule, counts] : per_rule)
    std::printf("rule %zu (%s): %d items, %d judged toxic\n", rule, names[rule], counts.first, counts.second);
  const auto& first = verdicts.front();
  std::printf("item %s (topic %s) was judged by rule %zu: %s\n", first.item_id.c_str(),
              data.items.column("topic").text(first.item).c_str(), first.rule, first.sentence().c_str());
}
