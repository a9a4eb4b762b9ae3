#!/usr/bin/env python3
"""Local AWS emulation: moto's server plus the extensions in localaws_ext.

Usage: python3 tests/LocalAws/localaws.py --port 0 [--account 123456789012] [--parent-pid PID] [--ignore-stdin]
Prints exactly one line `READY http://127.0.0.1:<port>` once it accepts requests,
and exits when stdin reaches EOF or the parent process goes away.
"""
import argparse
import os
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
VENV_DIR = os.path.join(HERE, ".venv")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
REEXEC_MARKER = "LOCALAWS_IN_VENV"


def venv_python() -> str:
    sub = "Scripts" if os.name == "nt" else "bin"
    return os.path.join(VENV_DIR, sub, "python.exe" if os.name == "nt" else "python")


def install_command() -> str:
    return f"{sys.executable} -m pip install -r {REQUIREMENTS}"


def ensure_moto() -> None:
    """Re-exec inside tests/LocalAws/.venv (created on demand) when moto is missing."""
    try:
        import moto  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get(REEXEC_MARKER):
        sys.exit(f"localaws: moto is not importable even in {VENV_DIR}. "
                 f"Install it with: {install_command()}")
    try:
        if not os.path.exists(venv_python()):
            venv.create(VENV_DIR, with_pip=True)
        subprocess.run([venv_python(), "-m", "pip", "install", "--quiet", "-r", REQUIREMENTS],
                       check=True, stdout=sys.stderr)
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"localaws: moto is not installed and installing it into {VENV_DIR} failed ({error}). "
                 f"Install it with: {install_command()}")
    env = dict(os.environ, **{REEXEC_MARKER: "1"})
    os.execve(venv_python(), [venv_python(), os.path.abspath(__file__), *sys.argv[1:]], env)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--account", default="123456789012", help="default AWS account id")
    parser.add_argument("--parent-pid", type=int, default=os.getppid(),
                        help="exit when this process is gone (default: the parent)")
    parser.add_argument("--ignore-stdin", action="store_true",
                        help="keep running when stdin is closed (for a server started by hand with '&')")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    # Not MOTO_ACCOUNT_ID: moto's server lets that variable override every request's account, so credentials from
    # sts:AssumeRole would land in the default account too. The default account only answers requests whose access
    # key moto did not issue (moto.iam.models.get_account_id_from), as a real account answers its own keys.
    os.environ["LOCALAWS_DEFAULT_ACCOUNT"] = args.account
    os.environ.pop("MOTO_ACCOUNT_ID", None)
    # Seeds attach AWS managed policies such as arn:aws:iam::aws:policy/ReadOnlyAccess.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    ensure_moto()
    sys.path.insert(0, HERE)
    import moto.core
    import moto.core.models
    moto.core.DEFAULT_ACCOUNT_ID = moto.core.models.DEFAULT_ACCOUNT_ID = args.account
    import moto.iam.models
    moto.iam.models.DEFAULT_ACCOUNT_ID = args.account
    from localaws_ext.server import serve
    serve(port=args.port, parent_pid=args.parent_pid, watch_stdin=not args.ignore_stdin)


if __name__ == "__main__":
    main()
