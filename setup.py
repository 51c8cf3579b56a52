"""Packages for setuptools (the metadata is in pyproject.toml).

The project keeps its data in the top-level `resources/` folder (sample PDF, rule catalog,
icons). The wheel carries it as package data `desktopapp/resources/`, where an installed
program reads it through importlib.resources (desktopapp.core.paths.resources_dir); a checkout
or an editable install reads the folder itself.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["desktopapp", "desktopapp.*"]),
        "desktopapp.resources",
        "desktopapp.resources.rules",
    ],
    package_dir={"desktopapp.resources": "resources"},
)
