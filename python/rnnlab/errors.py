"""The one error the loaders raise for a file they cannot trust, and the JSON reader they share."""
import json
import os


class RNNLabFileError(ValueError):
    """A file of a results folder is malformed or disagrees with what its loader expects.

    `path` is the file; the message starts with it, so one line says which
    file and what is wrong with it.
    """

    def __init__(self, path, problem):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # pickles (e.g. across multiprocessing) with both arguments
        return type(self), (self.path, self.problem)


def read_json(path):
    """The JSON object in `path`; anything else (bad UTF-8, bad JSON, not an object) is an RNNLabFileError."""
    try:
        with open(path, encoding="utf-8") as file:
            value = json.load(file)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise RNNLabFileError(path, f"not valid JSON ({error})") from None
    if not isinstance(value, dict):
        raise RNNLabFileError(path, f"holds a JSON {type(value).__name__}, expected an object")
    return value
