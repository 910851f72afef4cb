// SPDX-License-Identifier: MIT
// Every estimator takes any arithmetic_sequence: std containers, spans, raw arrays, std views, Eigen vectors
// and expressions, xtensor containers, views and expressions. Each input type must give exactly what the
// same values in a std::vector<double> give.
#include <pluralism/aggregate.hpp>
#include <pluralism/concepts.hpp>

#include <array>
#include <deque>
#include <list>
#include <ranges>
#include <span>
#include <string>
#include <vector>

#include "catch.hpp"

#if __has_include(<Eigen/Core>)
#include <Eigen/Core>
#define PLURALISM_TEST_EIGEN 1
#endif
#if __has_include(<xtensor/containers/xtensor.hpp>)
#include <xtensor/containers/xtensor.hpp>
#include <xtensor/generators/xbuilder.hpp>
#include <xtensor/views/xview.hpp>
#define PLURALISM_TEST_XTENSOR 1
#elif __has_include(<xtensor/xtensor.hpp>)
#include <xtensor/xbuilder.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#define PLURALISM_TEST_XTENSOR 1
#endif

using namespace pluralism;

namespace {

/// Runs every estimator (qualified calls: xtensor's own xt::mean and xt::median would otherwise be found by
/// argument-dependent lookup and make unqualified calls ambiguous) on `input` and on `reference` (a std::vector<double> of the same values).
template <class Input>
void same_as_vector(Input&& input, const std::vector<double>& reference) {
  CHECK(pluralism::mean(input) == pluralism::mean(reference));
  CHECK(pluralism::median(input) == pluralism::median(reference));
  CHECK(pluralism::median(input, median_rule::lower) == pluralism::median(reference, median_rule::lower));
  CHECK(pluralism::quantile(input, 0.3) == pluralism::quantile(reference, 0.3));
  CHECK(pluralism::quantiles(input, {0.1, 0.9}) == pluralism::quantiles(reference, {0.1, 0.9}));
  CHECK(pluralism::trimmed_mean(input, 0.2) == pluralism::trimmed_mean(reference, 0.2));
  CHECK(pluralism::weighted_mean(input, input) == pluralism::weighted_mean(reference, reference));
  CHECK(pluralism::weighted_median(input, input) == pluralism::weighted_median(reference, reference));
  const median_of_means_options mom{.blocks = 3, .sigma = 1.0, .seed = 9};
  CHECK(pluralism::median_of_means(input, mom).estimate == pluralism::median_of_means(reference, mom).estimate);
  CHECK(pluralism::median_of_randomized_means(input, 5, 2, {.seed = 3}) == pluralism::median_of_randomized_means(reference, 5, 2, {.seed = 3}));
  CHECK(pluralism::vote_counts(input) == pluralism::vote_counts(reference));
  CHECK(pluralism::vote_shares(input) == pluralism::vote_shares(reference));
  CHECK(pluralism::plurality(input).winners == pluralism::plurality(reference).winners);
}

const std::vector<double> values{3, 1, 4, 1, 5, 9, 2, 6};  // whole numbers, so they are also vote labels

}  // namespace

TEST_CASE("arithmetic_sequence accepts sequences of numbers and nothing else", "[aggregate][concepts]") {
  STATIC_REQUIRE(arithmetic_sequence<std::vector<int>>);
  STATIC_REQUIRE(arithmetic_sequence<const std::vector<double>&>);
  STATIC_REQUIRE(arithmetic_sequence<double[3]>);
  STATIC_REQUIRE(arithmetic_sequence<const float[2]>);
  STATIC_REQUIRE(arithmetic_sequence<std::span<const long>>);
  STATIC_REQUIRE(arithmetic_sequence<std::list<unsigned char>>);
  STATIC_REQUIRE(!arithmetic_sequence<int>);
  STATIC_REQUIRE(!arithmetic_sequence<std::vector<std::string>>);
  STATIC_REQUIRE(!arithmetic_sequence<std::vector<std::vector<double>>>);
  STATIC_REQUIRE(!arithmetic_sequence<std::vector<bool>>);  // its elements are proxies, not numbers
}

TEST_CASE("std containers, spans, raw arrays and views", "[aggregate][inputs]") {
  same_as_vector(std::vector<int>{3, 1, 4, 1, 5, 9, 2, 6}, values);
  same_as_vector(std::array<float, 8>{3, 1, 4, 1, 5, 9, 2, 6}, values);
  same_as_vector(std::list<double>(values.begin(), values.end()), values);
  same_as_vector(std::deque<long>(values.begin(), values.end()), values);
  same_as_vector(std::span<const double>(values), values);
  const unsigned char raw[] = {3, 1, 4, 1, 5, 9, 2, 6};
  same_as_vector(raw, values);
#if !defined(__clang__) || __clang_major__ >= 15  // Clang 14 rejects the range adaptors of libstdc++ 12
  same_as_vector(values | std::views::transform([](double x) { return x; }), values);
  // A filter view has no const begin(): the estimators take their input by forwarding reference.
  auto evens = std::views::iota(0, 16) | std::views::filter([](int i) { return i % 2 == 0; });
  same_as_vector(evens, std::vector<double>{0, 2, 4, 6, 8, 10, 12, 14});
#endif
}

#ifdef PLURALISM_TEST_EIGEN
TEST_CASE("Eigen vectors, arrays, maps and expressions", "[aggregate][inputs][eigen]") {
  Eigen::VectorXd v(8);
  v << 3, 1, 4, 1, 5, 9, 2, 6;
  same_as_vector(v, values);
  const Eigen::ArrayXf a = v.cast<float>().array();
  same_as_vector(a, values);
  same_as_vector(Eigen::Map<const Eigen::VectorXd>(values.data(), 8), values);
  same_as_vector((v + v) / 2.0, values);  // an expression, evaluated element by element
  Eigen::Matrix<int, 2, 4> m;
  m << 3, 4, 5, 2, 1, 1, 9, 6;  // column-major: reshaped() reads 3 1 4 1 5 9 2 6
  same_as_vector(m.reshaped(), values);
  CHECK(pluralism::median(v.segment(0, 3)) == 3.0);
}
#endif

#ifdef PLURALISM_TEST_XTENSOR
TEST_CASE("xtensor containers, views and expressions (not std::ranges ranges in 0.24)", "[aggregate][inputs][xtensor]") {
  xt::xtensor<double, 1> t = xt::zeros<double>({8});
  for (std::size_t i = 0; i < 8; ++i) t(i) = values[i];
  same_as_vector(t, values);
  same_as_vector(xt::xarray<double>(t), values);
  same_as_vector(t + xt::zeros<double>({8}), values);  // xfunction: its iterator is not default-constructible
  same_as_vector(xt::view(t, xt::all()), values);
  same_as_vector(xt::arange(0.0, 8.0), std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7});
  xt::xtensor<int, 2> m = {{3, 1, 4, 1}, {5, 9, 2, 6}};  // a 2-D container reads in storage (row-major) order
  same_as_vector(m, values);
}
#endif
