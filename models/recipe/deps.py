"""Checks that the Debian Python packages the recipe needs are importable, with one clear message if not."""
import importlib.util
import sys

APT = {'torch': 'python3-torch', 'onnx': 'python3-onnx', 'numpy': 'python3-numpy', 'pytest': 'python3-pytest'}


def require(*modules):
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"error: {sys.executable} lacks {', '.join(missing)}. The recipe runs under Debian's /usr/bin/python3: "
                 f"apt-get install -y {' '.join(APT.get(m, m) for m in missing)} (PyPI is not used).")
