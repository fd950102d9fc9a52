"""A real window on a real (virtual) X server, grabbed as a person would see it.

The offscreen platform tests behaviour; this one checks that the program opens a real
window with the xcb platform plugin (the one office Linux desktops use), draws it, and that on
the small screens of office PCs (1024×768, 1366×768) the window fits the screen.
"""
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")

GRAB = textwrap.dedent("""
    import sys
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from ui.app import create_window

    app = QApplication(sys.argv[:1])
    window = create_window(app, ["--lang", "vi"])
    window.show()
    if not QTest.qWaitForWindowExposed(window, 20000):
        sys.exit("window never exposed")
    QTest.qWait(300)  # let the first paint reach the X server
    shot = app.primaryScreen().grabWindow(0)
    shot.save(sys.argv[1])
    inside = app.primaryScreen().availableGeometry().contains(window.frameGeometry())
    print("fits" if inside else f"off-screen:{window.frameGeometry()}", flush=True)
    print(window.windowTitle(), shot.width(), shot.height(), app.platformName(), flush=True)
    from ui.tasks import wait_for_all
    window.close()
    wait_for_all()
""")


@pytest.fixture(params=["1024x768", "1366x768"])
def display(request, tmp_path):
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{request.param}x24", "-nolisten", "tcp"],
                            pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()  # Xvfb writes the display number once it is ready
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def test_main_window_on_a_real_x_server(display, tmp_path):
    png = tmp_path / "window.png"
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", EGOV_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    p = subprocess.run([sys.executable, "-c", GRAB, str(png)], env=env, capture_output=True, text=True,
                       timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert p.returncode == 0, p.stderr[-2000:]
    title, width, height, platform = p.stdout.split()[-4:]
    assert "egov-desktop" in p.stdout and platform == "xcb" and f"{width}x{height}" in ("1024x768", "1366x768")
    assert "fits" in p.stdout.split(), p.stdout  # the 1280 × 800 wished for is larger than both

    from PySide6.QtGui import QImage
    img = QImage(str(png))
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours) > 20, "the screen is blank: nothing was drawn"
    if os.environ.get("EGOV_SCREENSHOT_DIR"):  # keep a copy for the docs
        shutil.copy(png, Path(os.environ["EGOV_SCREENSHOT_DIR"]) / f"ui-xvfb-start-{width}.png")
