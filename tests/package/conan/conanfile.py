# SPDX-License-Identifier: MIT
# Conan test package: builds tests/package (the same consumer ctest builds) against the Conan package.
import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class PluralismTestConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "CMakeToolchain"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self, src_folder="..")

    def build(self):
        cmake = CMake(self)
        cmake.configure(variables={"CONSUMER": "core"})
        cmake.build()

    def test(self):
        if can_run(self):
            self.run(os.path.join(self.cpp.build.bindirs[0], "consumer"), env="conanrun")
