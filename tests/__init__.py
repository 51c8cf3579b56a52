"""The test suite; shared builders are in `tests.helpers`."""
