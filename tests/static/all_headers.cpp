// SPDX-License-Identifier: MIT
// Every public header in one translation unit: names from different components must not collide (the header
// sets check each header alone, which cannot catch that).
#include <pluralism/pluralism.hpp>
#if __has_include(<boost/math/distributions/beta.hpp>)
#include <pluralism/interop/boost_math.hpp>
#endif
#if __has_include(<Eigen/Core>)
#include <pluralism/interop/eigen.hpp>
#include <pluralism/jury/factor_model.hpp>
#endif
#if __has_include(<xtensor/xtensor.hpp>) || __has_include(<xtensor/containers/xtensor.hpp>)
#include <pluralism/interop/xtensor.hpp>
#endif
