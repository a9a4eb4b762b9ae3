"""Starts moto behind our middleware on 127.0.0.1 and lives as long as its parent."""
import logging
import os
import sys
import threading

from werkzeug.serving import make_server


def _watch_stdin(stop: threading.Event) -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


def _parent_alive(pid: int, original_ppid: int) -> bool:
    # A changed ppid means we were re-parented, even if the old pid got reused.
    if pid == original_ppid and os.getppid() != original_ppid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve(port: int, parent_pid: int, watch_stdin: bool = True) -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from . import access_key_ids, ec2_interfaces, kms_rotation, s3_checksums, sagemaker_jobs, sagemaker_notebooks
    from .middleware import LocalAwsMiddleware

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no per-request lines
    original_ppid = os.getppid()
    sagemaker_jobs.install()
    sagemaker_notebooks.install()
    access_key_ids.install()
    kms_rotation.install()
    ec2_interfaces.install()
    s3_checksums.install()
    app = LocalAwsMiddleware(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    stop = threading.Event()
    if watch_stdin:
        threading.Thread(target=_watch_stdin, args=(stop,), daemon=True).start()
    print(f"READY http://127.0.0.1:{server.server_port}", flush=True)

    while not stop.wait(0.5):
        if not _parent_alive(parent_pid, original_ppid):
            break
    server.shutdown()
    sys.stdout.flush()
    # Daemon request threads may still hold moto locks; do not wait for them.
    os._exit(0)
