# SPDX-License-Identifier: MIT
# Conan 2 recipe (header-only). From the repository root:
#   conan create cmake/packaging/conan --version 0.1.0 --test-folder ../../../tests/package/conan
import os

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeToolchain, cmake_layout
from conan.tools.files import copy, rmdir


class PluralismConan(ConanFile):
    name = "pluralism"
    description = "Header-only C++20 library for the mathematics of pluralistic AI alignment"
    license = "MIT"
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    options = {"with_eigen": [True, False], "with_xtensor": [True, False], "with_boost_math": [True, False]}
    default_options = {"with_eigen": False, "with_xtensor": False, "with_boost_math": False}
    no_copy_source = True

    def export_sources(self):
        # The recipe lives in cmake/packaging/conan; the sources are the repository root.
        root = os.path.join(self.recipe_folder, "..", "..", "..")
        for pattern in ("include/*", "cmake/*", "CMakeLists.txt", "LICENSE"):
            copy(self, pattern, root, self.export_sources_folder)

    def layout(self):
        cmake_layout(self)

    def requirements(self):
        if self.options.with_eigen:
            self.requires("eigen/[>=3.4 <6]")
        if self.options.with_xtensor:
            self.requires("xtensor/[>=0.24]")
        if self.options.with_boost_math:
            self.requires("boost/[>=1.74]")

    def package_id(self):
        self.info.clear()  # the headers are identical whatever the options

    def validate(self):
        check_min_cppstd(self, 20)

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["PLURALISM_BUILD_TESTS"] = False
        tc.cache_variables["PLURALISM_BUILD_EXAMPLES"] = False
        tc.cache_variables["PLURALISM_INSTALL"] = True
        tc.generate()

    def build(self):
        pass

    def package(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.install()
        # CMakeDeps regenerates the config from cpp_info below.
        rmdir(self, os.path.join(self.package_folder, "share"))
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "pluralism")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "pluralism::pluralism")
        core.bindirs = []
        core.libdirs = []
        for option, comp, dep in (("with_eigen", "eigen", "eigen::eigen"),
                                  ("with_xtensor", "xtensor", "xtensor::xtensor"),
                                  ("with_boost_math", "boost_math", "boost::headers")):
            if self.options.get_safe(option):
                c = self.cpp_info.components[comp]
                c.set_property("cmake_target_name", f"pluralism::{comp}")
                c.requires = ["core", dep]
                c.bindirs = []
                c.libdirs = []
