// SPDX-License-Identifier: MIT
// Uses the thrust component: a jury sweep on the host back end chosen by pluralism_thrust_backend().
#include <pluralism/device/jury.hpp>

#include <cstdio>
#include <vector>

int main() {
  namespace pd = pluralism::device;
  // 3 items x 4 annotators of whole numbers; a jury of all 4 is the whole row, so every jury mean is the
  // row mean exactly, whatever the draw order.
  const std::vector<float> m{1, 2, 3, 4, 0, 0, 0, 4, 5, 5, 5, 5};
  const pd::composition_table table(std::vector<pd::pool_composition>{{{{0, 1, 2, 3}, 4}}}, 4);
  pd::sweep_options o;
  o.juries = 5;
  o.threshold = 2.0;
  const auto r = pd::sweep(pd::host_matrix_ref<float>{m.data(), 3, 4, 4}, table, o);
  const bool ok = r.verdict == std::vector<double>{2.5, 1.0, 5.0} && r.share == std::vector<double>{1.0, 0.0, 1.0};
  std::printf("thrust consumer (%s back end): %s\n", std::string(pd::backend_name()).c_str(), ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
